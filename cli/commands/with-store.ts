import { existsSync } from 'node:fs';
import { loadConfig, type Config } from '../../lib/config';
import { flushAnchor } from '../../store/sqlite/audit-anchor';
import { storePath } from '../../store/sqlite/db';
import { SqliteStore } from '../../store/store';
import { CliError } from '../output';

/**
 * The store of `config.dataDir`, which must exist: only `start`, `api`, `worker`, `migrate` and the setup commands
 * `tenant create` and `user create` create one, so a command pointed at the wrong data dir says so instead of
 * working on a new, empty store.
 */
export function openExistingStore(config: Config): SqliteStore {
  const file = storePath(config.dataDir);
  if (!existsSync(file)) {
    throw new CliError(
      `no shenhe store in ${config.dataDir} (${file} not found): set SHENHE_DATA_DIR, or create one with \`shenhe migrate\` or \`shenhe start\``,
    );
  }
  return new SqliteStore(config.dataDir);
}

/** Opens the store for one command and closes it afterwards, mirroring the audit anchor first (see store/sqlite/audit-anchor.ts). */
export async function withStore<T>(fn: (store: SqliteStore, config: Config) => Promise<T> | T): Promise<T> {
  const config = loadConfig();
  const store = openExistingStore(config);
  try {
    return await fn(store, config);
  } finally {
    flushAnchor(store.db);
    await store.close();
  }
}
