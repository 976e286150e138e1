import { loadConfig, type Config } from '../../lib/config';
import { openStore, storeExists } from '../../store/open-store';
import type { Store } from '../../store/store';
import { CliError } from '../output';

/**
 * The store of this installation, which must exist: only `start`, `api`, `worker`, `migrate` and the setup commands
 * `tenant create` and `user create` create one, so a command pointed at the wrong data dir says so instead of
 * working on a new, empty store. (A PostgreSQL store is named by its URL; opening it is the check.)
 */
export async function openExistingStore(config: Config): Promise<Store> {
  if (!storeExists(config)) {
    throw new CliError(
      `no shenhe store in ${config.dataDir} (shenhe.db not found): set SHENHE_DATA_DIR, or create one with \`shenhe migrate\` or \`shenhe start\``,
    );
  }
  return openStore(config);
}

/** Opens the store for one command and closes it afterwards (closing also vouches for the audit log's end). */
export async function withStore<T>(fn: (store: Store, config: Config) => Promise<T> | T): Promise<T> {
  const config = loadConfig();
  const store = await openExistingStore(config);
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}
