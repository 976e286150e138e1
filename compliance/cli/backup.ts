import type { Command } from 'commander';
import { backupStore } from '../backup';
import { cliActor } from '../../store/store';
import { CliError, printJson } from '../../cli/output';
import { withStore } from '../../cli/commands/with-store';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('consistent online backup of the store (safe while shenhe runs); prints {"path","bytes","sha256",…}')
    .option('--out <file>', 'where to write it (default <dataDir>/backups/shenhe-<time>.db)')
    .option('--no-images', 'skip the hard-linked copy of the image files (FILE.images/)')
    .action(async (opts: { out?: string; images: boolean }) => {
      await withStore(async (store, config) => {
        try {
          printJson(await backupStore(store, config.dataDir, { out: opts.out, actor: cliActor(), images: opts.images }));
        } catch (err) {
          throw new CliError(`backup failed: ${(err as Error).message}`);
        }
      });
    });
}
