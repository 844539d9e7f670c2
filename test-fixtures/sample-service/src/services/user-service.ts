// expect: no findings
import type { DataSource } from 'typeorm';
import { User } from '../db/entities/user';

export interface PublicUser {
  id: number;
  email: string;
  name: string;
  avatarUrl: string;
}

export function createUserService(dataSource: DataSource) {
  const userRepo = dataSource.getRepository(User);
  return {
    findById(id: number): Promise<User | null> {
      return userRepo.findOneBy({ id });
    },

    findBySessionToken(token: string): Promise<User | null> {
      return userRepo.findOneBy({ sessionToken: token });
    },

    toPublic(user: User): PublicUser {
      return { id: user.id, email: user.email, name: user.name, avatarUrl: `/users/${user.id}/avatar` };
    },
  };
}
