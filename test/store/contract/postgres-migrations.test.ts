import { createPool, migrate } from '../../../store/postgres/db';
import { MIGRATIONS } from '../../../store/postgres/migrations';
import { testDatabases } from '../../harness/postgres';

describe('postgres store: migrations', () => {
  const dbs = testDatabases();
  afterAll(() => dbs.dropAll());

  it('applies every migration once when several processes start at the same moment', async () => {
    const url = await dbs.fresh();
    const pools = [createPool(url, 2), createPool(url, 2), createPool(url, 2)];
    try {
      await Promise.all(pools.map((p) => migrate(p)));
      await migrate(pools[0]);
      const { rows } = await pools[0].query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
