import type { Config } from '../lib/config';
import type { OpenOptions } from './sqlite/db';
import { PostgresStore } from './postgres/postgres-store';
import { SqliteStore, type Store } from './store';

/**
 * The one place that picks the store (CONTRACT §10): PostgreSQL when `SHENHE_DATABASE_URL` is set, so processes on
 * several machines share it; otherwise SQLite in the data dir. Either way pending migrations are applied first.
 */
export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl'>, options: OpenOptions = {}): Promise<Store> {
  if (config.databaseUrl) return (await PostgresStore.open(config.databaseUrl)) as unknown as Store;
  return new SqliteStore(config.dataDir, options);
}
