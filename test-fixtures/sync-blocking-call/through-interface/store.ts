import { readFileSync } from 'node:fs';

export interface AvatarStore {
  load(id: string): Buffer;
}

export class DiskAvatarStore implements AvatarStore {
  load(id: string): Buffer {
    return readFileSync(`/avatars/${id}.png`);
    //     ^^^^^^^^^^^^ sync-blocking-call: GET /avatars/:id
  }
}
