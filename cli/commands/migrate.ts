import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { openStore } from '../../store/open-store';
import { printJson } from '../output';

/** `shenhe migrate` (CONTRACT §10): creates the store if there is none, applies pending migrations, exits. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description(
      'create the store (SQLite in SHENHE_DATA_DIR, or PostgreSQL at SHENHE_DATABASE_URL) or apply its pending migrations, then exit; prints {"store","version"}',
    )
    .action(async () => {
      const config = loadConfig();
      const store = await openStore(config);
      try {
        printJson({ store: store.location, version: await store.schemaVersion() });
      } finally {
        await store.close();
      }
    });
}
