import type { IUserStore } from './user-store';

export class UserService {
  constructor(private readonly store: IUserStore) {}

  async namesOf(ids: number[]): Promise<string[]> {
    const names: string[] = [];
    for (const id of ids) {
      const user = await this.store.get(id);
      //                 ^^^^^^^^^^^^^^ n-plus-one-query(helperPerElement): GET /users/names
      names.push(user?.name ?? 'unknown');
    }
    return names;
  }
}
