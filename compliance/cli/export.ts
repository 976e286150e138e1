import type { Command } from 'commander';
import { parseDay } from '../dates';
import { exportRecords } from '../export';
import { cliActor } from '../../store/store';
import { CliError, printJson, usage } from '../../cli/output';
import { withStore } from '../../cli/commands/with-store';

interface ExportOptions {
  from: string;
  to: string;
  tenant?: string;
  author?: string;
  keyword?: string;
  reason?: string;
  requester?: string;
  out: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('clause 16: content records (verdicts, decisions, reviewers, IPs, audit trail) as JSON Lines, plus FILE.manifest.json')
    .requiredOption('--from <YYYY-MM-DD>', 'first day (UTC), inclusive')
    .requiredOption('--to <YYYY-MM-DD>', 'last day (UTC), inclusive')
    .option('--tenant <id>', 'only this tenant')
    .option('--author <id>', "only this author (the site's user id)")
    .option('--keyword <text>', 'only items whose title or text contains this (case-insensitive)')
    .option('--reason <text>', 'legal basis of the request (recorded in the audit log and the manifest)')
    .option('--requester <text>', 'who asked for the records (authority, case number)')
    .requiredOption('--out <file>', 'the JSON Lines file to write')
    .action(async (opts: ExportOptions) => {
      const from = parseDay(opts.from);
      const to = parseDay(opts.to);
      if (!from) throw usage(`--from: not a calendar date YYYY-MM-DD: ${JSON.stringify(opts.from)}`);
      if (!to) throw usage(`--to: not a calendar date YYYY-MM-DD: ${JSON.stringify(opts.to)}`);
      if (from > to) throw usage('--from must not be after --to');
      if (!opts.out.trim()) throw usage('--out: a file name is required');
      for (const [name, v] of [
        ['tenant', opts.tenant],
        ['author', opts.author],
        ['keyword', opts.keyword],
        ['reason', opts.reason],
        ['requester', opts.requester],
      ] as const) {
        if (v !== undefined && (!v.trim() || v.length > 1000)) throw usage(`--${name}: must be 1–1000 characters`);
      }
      await withStore(async (store) => {
        if (opts.tenant && !(await store.getTenant(opts.tenant))) throw new CliError(`tenant ${opts.tenant} not found`);
        const manifest = await exportRecords(store, {
          from: opts.from,
          to: opts.to,
          tenantId: opts.tenant ?? null,
          authorId: opts.author ?? null,
          keyword: opts.keyword ?? null,
          reason: opts.reason ?? null,
          requester: opts.requester ?? null,
          out: opts.out,
          actor: cliActor(),
        });
        printJson(manifest);
      });
    });
}
