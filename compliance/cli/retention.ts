import type { Command } from 'commander';
import { parseInstant } from '../dates';
import { cliActor } from '../../store/store';
import { printJson, usage } from '../../cli/output';
import { withStore } from '../../cli/commands/with-store';

export function registerRetention(program: Command): void {
  program
    .command('retention')
    .description('clause 16 retention of content records')
    .command('run')
    .description('purge finished items older than SHENHE_RETENTION_DAYS, except those under legal hold; prints {"purged":[ids],"held":[ids]}')
    .option('--dry-run', 'only show what would be purged')
    .option('--as-of <ISO-DATE>', 'with --dry-run: show what a run at this date (YYYY-MM-DD or ISO-8601 time) would do')
    .action(async (opts: { dryRun?: boolean; asOf?: string }) => {
      if (opts.asOf !== undefined && !opts.dryRun) throw usage('--as-of is only allowed with --dry-run');
      const asOf = opts.asOf !== undefined ? parseInstant(opts.asOf) : new Date();
      if (!asOf) throw usage(`--as-of: not an ISO-8601 date: ${JSON.stringify(opts.asOf)}`);
      await withStore(async (store, config) => {
        const plan = await store.planRetention(config.retentionDays, asOf);
        const actor = cliActor();
        if (opts.dryRun) {
          await store.audit(actor, 'retention.dry_run', null, { asOf: plan.asOf, cutoff: plan.cutoff, wouldPurge: plan.purge.length, held: plan.held.length });
          printJson({ purged: plan.purge, held: plan.held, dryRun: true, asOf: plan.asOf, cutoff: plan.cutoff, retentionDays: config.retentionDays });
          return;
        }
        const purged = await store.purgeItems(plan, actor);
        await store.audit(actor, 'retention.run', null, { asOf: plan.asOf, cutoff: plan.cutoff, purged: purged.length, held: plan.held.length });
        printJson({ purged, held: plan.held, dryRun: false, asOf: plan.asOf, cutoff: plan.cutoff, retentionDays: config.retentionDays });
      });
    });
}
