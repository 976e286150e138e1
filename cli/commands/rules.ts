// `shenhe rules check [DIR]`: validates rule packs the way a running filter would load them.
import * as fs from 'node:fs';
import type { Command } from 'commander';
import { createFilterSync } from '../../rules/filter';
import { RulePackError } from '../../rules/packs';

interface CheckOptions {
  shipped: boolean;
}

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('Rule packs (CONTRACT §7)');
  rules
    .command('check')
    .description(
      'Validate rule packs: the shipped ones plus DIR. Prints {"ok","packs","counts","rules","version"}; ' +
        'exit 1 naming file, rule id and reason on the first invalid rule.',
    )
    .argument('[dir]', 'folder of *.yaml packs to check on top of the shipped ones')
    .option('--no-shipped', 'check DIR alone, without the shipped packs')
    .action((dir: string | undefined, opts: CheckOptions) => {
      if (dir !== undefined && !(fs.existsSync(dir) && fs.statSync(dir).isDirectory())) {
        process.stderr.write(`shenhe: rules check: ${dir} is not a folder\n`);
        process.exitCode = 2;
        return;
      }
      try {
        const filter = createFilterSync({ rules: dir ? [dir] : [], classifier: false, shipped: opts.shipped });
        const info = filter.info;
        const total = info.packs.reduce((n, p) => n + p.rules, 0);
        process.stdout.write(
          `${JSON.stringify({
            ok: true,
            packs: info.packs.map((p) => ({ file: p.file, category: p.category, version: p.version, rules: p.rules })),
            counts: info.counts,
            rules: total,
            terms: info.terms,
            version: info.rules,
          })}\n`,
        );
        process.exitCode = 0;
      } catch (e) {
        if (e instanceof RulePackError) {
          process.stderr.write(`shenhe: invalid rule pack: ${e.message}\n`);
          process.stdout.write(`${JSON.stringify({ ok: false, error: { file: e.file, rule: e.rule ?? null, reason: e.reason } })}\n`);
        } else process.stderr.write(`shenhe: rules check: ${(e as Error).message}\n`);
        process.exitCode = 1;
      }
    });
  registerBacktest(rules);
}

interface BacktestOptions {
  rules: string;
  since?: string;
  tenant?: string;
}

/** `shenhe rules backtest`: what a rule change would have done to the stored items (CONTRACT §13). Read-only. */
export function registerBacktest(rules: Command): void {
  rules
    .command('backtest')
    .description(
      'Screen the stored items of the period with the rules in force and with the packs of DIR on top (a pack of the same ' +
        'name replaces the one in force), changing nothing. Prints {"items","changed":{"pass->review":n,…},"byRule":{id:{"hits","approved","rejected"}}}.',
    )
    .requiredOption('--rules <dir>', 'folder of *.yaml packs to try')
    .option('--since <date>', 'first day (YYYY-MM-DD, UTC) of items to screen (default: 60 days ago)')
    .option('--tenant <id>', 'only this tenant’s items')
    .action(async (opts: BacktestOptions) => {
      const { backtestCommand } = await import('./backtest');
      process.exitCode = await backtestCommand(opts);
    });
}
