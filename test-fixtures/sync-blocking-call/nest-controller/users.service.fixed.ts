// expect: no findings
import { Injectable } from '@nestjs/common';
import { AvatarRepository } from './avatar.repository';

@Injectable()
export class UsersService {
  constructor(private readonly avatars: AvatarRepository) {}

  async avatarFor(id: string): Promise<string> {
    return await this.avatars.load(id);
  }
}
