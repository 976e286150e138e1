import { loadConfig } from '../../../lib/config';
import { openStore } from '../../../store/open-store';
import { PostgresStore } from '../../../store/postgres/postgres-store';
import { SqliteStore } from '../../../store/sqlite/sqlite-store';
import { testDatabases } from '../../harness/postgres';
import { tempDir } from '../../harness/temp';

describe('openStore: SHENHE_DATABASE_URL picks the store (CONTRACT §10)', () => {
  const dbs = testDatabases();
  afterAll(() => dbs.dropAll());

  it('opens PostgreSQL when SHENHE_DATABASE_URL is set, and applies the migrations', async () => {
    const t = tempDir();
    const url = await dbs.fresh();
    const config = loadConfig({ SHENHE_DATA_DIR: t.dir, SHENHE_DATABASE_URL: url });
    expect(config.databaseUrl).toBe(url);
    const store = await openStore(config);
    try {
      expect(store).toBeInstanceOf(PostgresStore);
      expect(await store.countUsers()).toBe(0);
    } finally {
      await store.close();
      t.cleanup();
    }
  });

  it('opens SQLite in the data dir when it is unset or empty', async () => {
    const t = tempDir();
    const store = await openStore(loadConfig({ SHENHE_DATA_DIR: t.dir, SHENHE_DATABASE_URL: '' }));
    try {
      expect(store).toBeInstanceOf(SqliteStore);
    } finally {
      await store.close();
      t.cleanup();
    }
  });

  it('refuses a URL that is not PostgreSQL’s, without echoing its password', () => {
    expect(() => loadConfig({ SHENHE_DATABASE_URL: 'mysql://root:hunter2@db/shenhe' })).toThrow(/SHENHE_DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(() => loadConfig({ SHENHE_DATABASE_URL: 'mysql://root:hunter2@db/shenhe' })).not.toThrow(/hunter2/);
  });
});
