// expect: no findings
import { Injectable } from '@nestjs/common';
import { AvatarRepository } from './avatar.repository';

@Injectable()
export class UsersService {
  constructor(private readonly avatars: AvatarRepository) {}

  avatarFor(id: string): string {
    return this.avatars.load(id);
  }
}
