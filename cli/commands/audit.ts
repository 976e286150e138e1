import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { SqliteStore } from '../../store/Store';
import { CliError, printJson } from '../output';

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('the tamper-evident audit log')
    .command('verify')
    .description("check the audit log's hash chain; exit 1 naming the first broken entry")
    .action(async () => {
      const config = loadConfig();
      const store = new SqliteStore(config.dataDir);
      try {
        const result = await store.verifyAudit();
        printJson(result);
        if (!result.ok) throw new CliError(`audit chain broken at entry ${result.brokenSeq}: ${result.reason}`);
      } finally {
        await store.close();
      }
    });
}
