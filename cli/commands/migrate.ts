import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { storePath } from '../../store/sqlite/db';
import { MIGRATIONS } from '../../store/sqlite/migrations';
import { openStore } from '../../store/open-store';
import { printJson } from '../output';

/** `shenhe migrate` (CONTRACT §10): creates the store if there is none, applies pending migrations, exits. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('create the store in SHENHE_DATA_DIR or apply its pending migrations, then exit; prints {"store","version"}')
    .action(async () => {
      const config = loadConfig();
      const store = await openStore(config);
      await store.close();
      printJson({ store: storePath(config.dataDir), version: Math.max(...MIGRATIONS.map((m) => m.version)) });
    });
}
