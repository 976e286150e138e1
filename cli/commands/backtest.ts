// `shenhe rules backtest --rules DIR [--since YYYY-MM-DD] [--tenant ID]` (CONTRACT §13).
import { existsSync, statSync } from 'node:fs';
import { loadConfig } from '../../lib/config';
import { backtestFilters, runBacktest, withChangedPacks } from '../../rules/backtest';
import { loadClassifier } from '../../rules/filter';
import { loadPacks, loadPacksInForce, RulePackError, shippedPacksDir } from '../../rules/packs';
import { openStore, storeExists } from '../../store/open-store';
import { withStdoutOnStderr } from './screen';

/** Items older than this are purged anyway (clause 16's 60 days), so it is the natural default window. */
const DEFAULT_DAYS = 60;

/** Runs the backtest and prints its report; returns the exit code (2 usage, 1 failure). */
export async function backtestCommand(opts: { rules: string; since?: string; tenant?: string }): Promise<number> {
  const fail = (code: number, message: string): number => {
    process.stderr.write(`shenhe: rules backtest: ${message}\n`);
    return code;
  };
  if (!(existsSync(opts.rules) && statSync(opts.rules).isDirectory())) return fail(2, `${opts.rules} is not a folder`);
  let since = new Date(Date.now() - DEFAULT_DAYS * 86_400_000).toISOString();
  if (opts.since !== undefined) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(opts.since) ? new Date(`${opts.since}T00:00:00Z`) : null;
    if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== opts.since) return fail(2, '--since must be a date YYYY-MM-DD');
    since = day.toISOString();
  }
  const config = loadConfig();
  if (!storeExists(config)) return fail(1, `no store in ${config.dataDir} (set SHENHE_DATA_DIR or SHENHE_DATABASE_URL)`);
  let filters;
  let watch: string[];
  try {
    const inForce = loadPacksInForce(config.rulesDirs);
    const changed = loadPacks([opts.rules]);
    watch = changed.flatMap((p) => p.rules.map((r) => r.id));
    filters = backtestFilters(inForce, withChangedPacks(inForce, changed), withStdoutOnStderr(loadClassifier), { shippedDir: shippedPacksDir() });
  } catch (err) {
    if (err instanceof RulePackError) return fail(1, `invalid rule pack: ${err.message}`);
    throw err;
  }
  // Read-only: a backtest can run beside a live system and never changes the record.
  const store = await openStore(config, { readonly: true });
  try {
    const report = await runBacktest(store.backtestItems({ since, tenantId: opts.tenant ?? null }), filters, watch);
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
