import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';

@Injectable()
export class AvatarRepository {
  load(id: string): string {
    return readFileSync(`/avatars/${id}.svg`, 'utf8');
    //     ^^^^^^^^^^^^ sync-blocking-call: GET /users/:id/avatar
  }
}
