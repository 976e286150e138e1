import { createPool, migrate, tx } from '../../../store/postgres/db';
import { MIGRATIONS } from '../../../store/postgres/migrations';
import { testDatabases } from '../../harness/postgres';

describe('postgres store: connections, transactions and migrations (store/postgres/db.ts)', () => {
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

  it('runs a transaction that lost a deadlock again, so both writers finish', async () => {
    const url = await dbs.fresh();
    const pool = createPool(url, 4);
    try {
      await pool.query('CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
      await pool.query('INSERT INTO t VALUES (1, 0), (2, 0)');
      // Each transaction locks one row, waits until the other has locked its row, then wants the other's: a deadlock
      // the server breaks by failing one (40P01), which tx() runs again.
      let locked = 0;
      let open: () => void = () => undefined;
      const barrier = new Promise<void>((resolve) => (open = resolve));
      const runs: number[] = [];
      const writer = (first: number, second: number) =>
        tx(pool, async (c) => {
          runs.push(first);
          await c.query('UPDATE t SET n = n + 1 WHERE id = $1', [first]);
          if (++locked === 2) open();
          await barrier;
          await c.query('UPDATE t SET n = n + 1 WHERE id = $1', [second]);
        });
      await Promise.all([writer(1, 2), writer(2, 1)]);
      // At least one run was the deadlock's victim and ran again (a retry may meet the other writer once more).
      expect(runs.length).toBeGreaterThan(2);
      const { rows } = await pool.query<{ n: number }>('SELECT n FROM t ORDER BY id');
      expect(rows.map((r) => r.n)).toEqual([2, 2]);
    } finally {
      await pool.end();
    }
  });
});
