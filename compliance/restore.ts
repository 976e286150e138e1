import path from 'node:path';
import type { Config } from '../lib/config';
import type { Actor } from '../store/store';
import { restoreSqlite, RestoreRefused, type RestoreResult } from '../store/sqlite/restore';
import { backupStore, backupsDir, stamp } from './backup';

export { RestoreRefused, type RestoreResult };

/**
 * `shenhe restore`: the embedded store's file is swapped for a backup, after a backup of the current state.
 * A PostgreSQL store is restored with PostgreSQL's own tools (pg_restore or a replica), never from one machine's CLI.
 */
export async function restoreStore(config: Config, from: string, actor: Actor): Promise<RestoreResult> {
  if (config.databaseUrl)
    throw new RestoreRefused('the store is PostgreSQL (SHENHE_DATABASE_URL): restore it with PostgreSQL tools (see docs/several-machines.md)');
  const dataDir = config.dataDir;
  return restoreSqlite(dataDir, from, actor, async (current) => {
    const out = path.join(backupsDir(dataDir), `pre-restore-${stamp(new Date())}.db`);
    return (await backupStore(current, dataDir, { out, actor, images: false, kind: 'pre-restore' })).path;
  });
}
