import { loadConfig, type Config } from '../../lib/config';
import { flushAnchor } from '../../store/audit-anchor';
import { SqliteStore } from '../../store/Store';

/** Opens the store for one command and closes it afterwards, mirroring the audit anchor first (see store/audit-anchor.ts). */
export async function withStore<T>(fn: (store: SqliteStore, config: Config) => Promise<T> | T): Promise<T> {
  const config = loadConfig();
  const store = new SqliteStore(config.dataDir);
  try {
    return await fn(store, config);
  } finally {
    flushAnchor(store.db);
    await store.close();
  }
}
