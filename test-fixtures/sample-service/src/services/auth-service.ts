import * as bcrypt from 'bcrypt';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { User } from '../db/entities/user';

const BCRYPT_ROUNDS = 12;

export class EmailTakenError extends Error {
  constructor(email: string) {
    super(`${email} is already registered`);
  }
}

export function createAuthService(dataSource: DataSource) {
  const userRepo = dataSource.getRepository(User);
  return {
    async register(email: string, name: string, password: string): Promise<User> {
      if (await userRepo.existsBy({ email })) throw new EmailTakenError(email);
      const passwordHash = bcrypt.hashSync(password, BCRYPT_ROUNDS);
      //                   ^^^^^^^^^^^^^^^ sync-blocking-call: POST /auth/register
      return userRepo.save(userRepo.create({ email, name, passwordHash, sessionToken: null }));
    },

    async login(email: string, password: string): Promise<{ token: string; userId: number } | undefined> {
      const user = await userRepo.findOneBy({ email });
      if (!user || !(await bcrypt.compare(password, user.passwordHash))) return undefined;
      const token = randomUUID();
      await userRepo.update({ id: user.id }, { sessionToken: token });
      return { token, userId: user.id };
    },

    async logout(token: string): Promise<void> {
      await userRepo.update({ sessionToken: token }, { sessionToken: null });
    },
  };
}
