import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { appError } from '../../lib/errors';
import { backtestFilters, runBacktest, withChangedPacks } from '../../rules/backtest';
import { loadClassifier } from '../../rules/filter';
import { loadPacksInForce, packFiles, parsePack, RulePackError, shippedPacksDir, type Pack } from '../../rules/packs';
import { requireRole } from '../auth/session';
import type { ApiDeps } from '../deps';
import type { RouteModule } from '../server';
import { actorOf, parse, audited } from './common';
import { MANAGER_ROLES, RULE_READER_ROLES, RULE_TESTER_ROLES } from '../../lib/roles';
import path from 'node:path';

const PACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const testSchema = z.object({ title: z.string().max(500).optional(), text: z.string().max(50_000).optional() });
export const saveSchema = z.object({ yaml: z.string().min(1).max(2_000_000) });
export const backtestSchema = z.object({
  yaml: z.string().min(1).max(2_000_000),
  since: z.iso.date().optional(),
  tenant: z.string().min(1).max(64).optional(),
});
/** Items per batch of a console backtest; the event loop is free between batches. */
const BACKTEST_BATCH = 500;
/** The console's window when none is given: what retention keeps (clause 16). */
const BACKTEST_DAYS = 60;

interface PackFile {
  name: string;
  file: string;
  source: 'shipped' | 'operator';
  editable: boolean;
}

/** Shipped packs, then each operator folder's; only the first operator folder is written to. */
function packList(deps: ApiDeps): PackFile[] {
  const out: PackFile[] = [];
  const dirs = [shippedPacksDir(), ...deps.config.rulesDirs];
  dirs.forEach((dir, i) => {
    if (!existsSync(dir)) return;
    for (const file of packFiles(dir)) {
      out.push({ name: path.basename(file).replace(/\.ya?ml$/i, ''), file, source: i === 0 ? 'shipped' : 'operator', editable: i === 1 });
    }
  });
  return out;
}

/**
 * Rule packs: `GET /api/console/rules` (what is in force), `GET /api/console/rules/packs/{name}` (a pack's YAML),
 * `POST /api/console/rules/test` (screen a text against the filter in force and show the hits, like Discourse's
 * watched-words tester) for seniors, officers and admins; `PUT /api/console/rules/packs/{name}` (officers and admins)
 * validates a pack against every other pack and writes it to the first SHENHE_RULES_DIR folder, where running
 * processes pick it up (CONTRACT §7).
 */
/**
 * Parses a pack as it would be saved under `name` in `dir` and checks its rule ids against every other pack that
 * would load with it; a bad pack is a 400 `INVALID_PACK` naming file, rule and reason.
 */
function validatedPack(deps: ApiDeps, name: string, dir: string, yaml: string): { pack: Pack; inForce: Pack[] } {
  const target = path.join(dir, `${name}.yaml`);
  try {
    const pack = parsePack(yaml, target);
    const inForce = loadPacksInForce(deps.config.rulesDirs);
    const others = inForce.filter((p) => p.name !== name || path.dirname(p.file) !== dir);
    const owner = new Map(others.flatMap((p) => p.rules.map((r) => [r.id, p.file] as const)));
    for (const r of pack.rules) {
      const clash = owner.get(r.id);
      if (clash) throw new RulePackError(target, r.id, `rule id already used in ${path.basename(clash)}`);
    }
    return { pack, inForce };
  } catch (err) {
    if (err instanceof RulePackError) throw appError('INVALID_PACK', `${path.basename(err.file)}${err.rule ? `: rule ${err.rule}` : ''}: ${err.reason}`);
    throw err;
  }
}

/** Write-then-rename (0600), so the reloader never reads half a file. */
export function writePackFile(target: string, text: string): void {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, target);
}

export const rules: RouteModule = (router, deps, { staff }) => {
  const readers = [...staff, requireRole(...RULE_READER_ROLES)];
  const editors = [...staff, requireRole(...MANAGER_ROLES)];

  router.get('/console/rules', ...readers, (_req, res) => {
    const info = deps.filter().info;
    const byFile = new Map(info.packs.map((p) => [p.file, p]));
    res.json({
      engine: { rules: info.rules, model: info.model, hash: info.hash },
      counts: info.counts,
      terms: info.terms,
      operatorDir: deps.config.rulesDirs[0] ?? null,
      packs: packList(deps).map((p) => ({ ...p, file: path.basename(p.file), loaded: byFile.get(p.file) ?? null })),
    });
  });

  router.get('/console/rules/packs/:name', ...readers, (req, res) => {
    const pack = packList(deps).find((p) => p.name === String(req.params.name));
    if (!pack) throw appError('PACK_NOT_FOUND');
    res.json({ ...pack, file: path.basename(pack.file), yaml: readFileSync(pack.file, 'utf8') });
  });

  router.post('/console/rules/test', ...[...staff, requireRole(...RULE_TESTER_ROLES)], (req, res) => {
    const body = parse(testSchema, req.body);
    if (!body.title && !body.text) throw appError('INVALID_BODY', 'text: give a title or a text to test');
    res.json({ verdict: deps.filter().screen({ id: 'console-test', title: body.title, text: body.text }) });
  });

  // What saving this pack would do to the stored items (CONTRACT §13), as `shenhe rules backtest` reports it.
  let backtestRunning = false;
  router.post('/console/rules/packs/:name/backtest', ...editors, async (req, res) => {
    const name = String(req.params.name);
    if (!PACK_NAME.test(name)) throw appError('INVALID_PACK_NAME', 'name: letters, digits, - and _ only');
    const body = parse(backtestSchema, req.body);
    const dir = deps.config.rulesDirs[0] ?? path.join(deps.config.dataDir, 'rules');
    const { pack, inForce } = validatedPack(deps, name, dir, body.yaml);
    if (backtestRunning) throw appError('BACKTEST_BUSY');
    backtestRunning = true;
    try {
      const filters = backtestFilters(inForce, withChangedPacks(inForce, [pack]), loadClassifier(), { shippedDir: shippedPacksDir() });
      const since = body.since ? `${body.since}T00:00:00.000Z` : new Date(Date.now() - BACKTEST_DAYS * 86_400_000).toISOString();
      const items = deps.store.backtestItems({ since, tenantId: body.tenant ?? null, batchSize: BACKTEST_BATCH });
      const report = await runBacktest(
        items,
        filters,
        pack.rules.map((r) => r.id),
      );
      res.json({ name, since, ...report });
    } finally {
      backtestRunning = false;
    }
  });

  router.put('/console/rules/packs/:name', ...editors, async (req, res) => {
    const name = String(req.params.name);
    if (!PACK_NAME.test(name)) throw appError('INVALID_PACK_NAME', 'name: letters, digits, - and _ only');
    const dir = deps.config.rulesDirs[0];
    if (!dir) throw appError('NO_RULES_DIR');
    const { yaml } = parse(saveSchema, req.body);
    const target = path.join(dir, `${name}.yaml`);
    const pack = validatedPack(deps, name, dir, yaml).pack;
    const existed = existsSync(target);
    await audited(
      deps.store,
      actorOf(req),
      'rules.save',
      { type: 'rule_pack', id: name },
      { file: target, hash: pack.hash, rules: pack.rules.length, created: !existed },
      () => {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writePackFile(target, yaml);
      },
    );
    res.json({ name, file: path.basename(target), hash: pack.hash, rules: pack.rules.length, category: pack.category });
  });
};
