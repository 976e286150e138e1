import type { Config } from '../lib/config';
import type { Store } from './store';
import { PostgresStore } from './postgres/postgres-store';
import { SqliteStore } from './sqlite/sqlite-store';
import { existsSync } from 'node:fs';
import { storePath, type OpenOptions } from './sqlite/db';

export type { OpenOptions };

/**
 * The store a process uses: PostgreSQL when SHENHE_DATABASE_URL is set (CONTRACT §10), else SQLite in the data
 * dir. Either way its migrations have run when this resolves (several processes starting at once are safe).
 */
export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl'>, options: OpenOptions = {}): Promise<Store> {
  if (config.databaseUrl) return PostgresStore.open(config.databaseUrl);
  return new SqliteStore(config.dataDir, options);
}

/**
 * Whether the installation's store exists, for commands that must not create one by mistake (pointed at the wrong
 * data dir). A PostgreSQL store is named by its URL: opening it is the check.
 */
export function storeExists(config: Pick<Config, 'dataDir' | 'databaseUrl'>): boolean {
  return config.databaseUrl !== null || existsSync(storePath(config.dataDir));
}
