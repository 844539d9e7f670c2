// expect: no findings
import { Pool } from 'pg';

export interface StoredUser {
  id: number;
  name: string;
}

/** Services depend on this interface; the Postgres store is injected at startup. */
export interface IUserStore {
  get(id: number): Promise<StoredUser | undefined>;
}

export class PgUserStore implements IUserStore {
  constructor(private readonly pool: Pool) {}

  async get(id: number): Promise<StoredUser | undefined> {
    const result = await this.pool.query<StoredUser>('SELECT id, name FROM users WHERE id = $1', [id]);
    return result.rows[0];
  }
}

/** The in-memory store the unit tests inject. */
export class FakeUserStore implements IUserStore {
  private readonly rows = new Map<number, StoredUser>();

  async get(id: number): Promise<StoredUser | undefined> {
    return this.rows.get(id);
  }
}
