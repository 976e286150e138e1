import type { Command } from 'commander';
import { loadConfig } from '../../lib/config';
import { flushAnchor, readAnchor, resetAnchor } from '../../store/sqlite/audit-anchor';
import { verifyAuditTrail } from '../../store/sqlite/audit-verify';
import { cliActor } from '../../store/sqlite/audit-helpers';
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
      const store = openExistingStore(config);
      try {
        let result = verifyAuditTrail(store.db, config.dataDir);
        const anchor = readAnchor(config.dataDir);
        if (!result.ok && opts.reanchor && (anchor === null || anchor === 'unreadable') && store.auditLog.verify().ok) {
          resetAnchor(store.db, config.dataDir);
          await store.audit(cliActor(), 'audit.reanchor', null, { previous: anchor, reason: result.reason });
          flushAnchor(store.db);
          result = verifyAuditTrail(store.db, config.dataDir);
        }
        printJson(result);
        if (!result.ok) throw new CliError(`audit chain broken at entry ${result.brokenSeq}: ${result.reason}`);
      } finally {
        await store.close();
      }
    });
}
