import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { restoreStore, RestoreRefused } from '../restore';
import { cliActor } from '../../store/store';
import { CliError, printJson } from '../../cli/output';

export function registerRestore(program: Command): void {
  program
    .command('restore')
    .description('replace the store with a backup (refused while any shenhe process uses the store; the current store is backed up first)')
    .requiredOption('--from <file>', 'a backup written by `shenhe backup` or the daily backup')
    .action(async (opts: { from: string }) => {
      const config = loadConfig();
      try {
        printJson(await restoreStore(config, opts.from, cliActor()));
      } catch (err) {
        if (err instanceof RestoreRefused) throw new CliError(`restore refused: ${err.message}`);
        throw err;
      }
    });
}
