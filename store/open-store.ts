import type { Config } from '../lib/config';
import type { Store } from './store';
import { SqliteStore } from './sqlite/sqlite-store';
import type { OpenOptions } from './sqlite/db';

export type { OpenOptions };

/**
 * The store a process uses: PostgreSQL when SHENHE_DATABASE_URL is set (CONTRACT §10), else SQLite in the data
 * dir. Either way its migrations have run when this resolves.
 */
export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl'>, options: OpenOptions = {}): Promise<Store> {
  if (config.databaseUrl) throw new Error('SHENHE_DATABASE_URL: the PostgreSQL store is not available in this build');
  return new SqliteStore(config.dataDir, options);
}
