import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { cliActor } from '../../store/store';
import { openExistingStore } from '../../cli/commands/with-store';
import { CliError, printJson } from '../../cli/output';

export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description('the tamper-evident audit log')
    .command('verify')
    .description("check the audit log's hash chain and its anchor; exit 1 naming the first broken entry")
    .option('--reanchor', 'when only the anchor file is missing or unreadable (the chain itself intact), write a new one; audited')
    .action(async (opts: { reanchor?: boolean }) => {
      const config = loadConfig();
      const store = await openExistingStore(config);
      try {
        let result = await store.verifyAuditTrail();
        // Only a lost anchor may be re-written: a chain that does not verify on its own stays broken.
        if (!result.ok && opts.reanchor && result.anchor === null && (await store.verifyAudit()).ok) {
          await store.reanchorAudit(cliActor());
          result = await store.verifyAuditTrail();
        }
        printJson(result);
        if (!result.ok) throw new CliError(`audit chain broken at entry ${result.brokenSeq}: ${result.reason}`);
      } finally {
        await store.close();
      }
    });
}
