// expect: no findings
import knexFactory from 'knex';

const db = knexFactory({ client: 'pg' });

export class FeatureStore {
  async getAll(): Promise<{ name: string; project: string }[]> {
    return db('features').select('name', 'project');
  }

  async countStrategies(name: string): Promise<number> {
    const row = await db('strategies').where({ feature_name: name }).count<{ count: number }>('* as count').first();
    return row?.count ?? 0;
  }
}
