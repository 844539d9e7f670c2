import { Metadata } from '@grpc/grpc-js';
import type { UserServiceClient, User } from './user-service-client';

export function loadBuyer(users: UserServiceClient, id: string): Promise<User | undefined> {
  return new Promise((resolve, reject) => {
    users.getUser({ id }, (err, user) => (err ? reject(err) : resolve(user)));
  //^^^^^^^^^^^^^ missing-timeout(callWithoutDeadline): @grpc/grpc-js calls have no deadline
  });
}

export function loadSeller(users: UserServiceClient, id: string): Promise<User | undefined> {
  return new Promise((resolve, reject) => {
    users.getUser({ id }, new Metadata(), { deadline: Date.now() + 2_000 }, (err, user) => (err ? reject(err) : resolve(user)));
  });
}

export function loadCourier(users: UserServiceClient, id: string): Promise<User | undefined> {
  return new Promise((resolve, reject) => {
    users.getUser({ id }, { host: 'users.internal' }, (err, user) => (err ? reject(err) : resolve(user)));
  //^^^^^^^^^^^^^ missing-timeout
  });
}
