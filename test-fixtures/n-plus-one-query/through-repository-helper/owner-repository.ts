// expect: no findings
import { Pool } from 'pg';

const pool = new Pool({ statement_timeout: 5_000 });

export async function findOwnerRow(id: number): Promise<{ id: number; name: string } | undefined> {
  const result = await pool.query<{ id: number; name: string }>('SELECT id, name FROM owners WHERE id = $1', [id]);
  return result.rows[0];
}
