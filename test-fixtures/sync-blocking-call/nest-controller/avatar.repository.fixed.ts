import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

@Injectable()
export class AvatarRepository {
  async load(id: string): Promise<string> {
    return await readFile(`/avatars/${id}.svg`, 'utf8');
  }
}
