import { readFileSync } from 'node:fs';
import { appError } from '../../lib/errors';
import { switchRuleLive } from '../../rules/pack-edit';
import { loadPacksInForce, RulePackError } from '../../rules/packs';
import { requireRole } from '../auth/session';
import type { ApiDeps } from '../deps';
import type { RouteModule } from '../server';
import { actorOf, audited } from './common';
import { writePackFile } from './rules';
import { RULE_READER_ROLES } from '../../lib/roles';
import path from 'node:path';

/** How far back the console counts a shadow rule's hits. */
const SHADOW_WINDOW_DAYS = 30;

function shadowRulesInForce(deps: ApiDeps) {
  return loadPacksInForce(deps.config.rulesDirs).flatMap((p) =>
    p.rules.filter((r) => r.mode === 'shadow').map((r) => ({ id: r.id, category: r.category, label: r.label ?? null, pack: p.name, file: p.file })),
  );
}

/**
 * Shadow rules (CONTRACT §13): `GET /api/console/rules/shadow` lists every shadow rule in force with its hits on live
 * traffic over the last 30 days and the human decisions on those items; `POST /api/console/rules/shadow/{id}/live`
 * (officers and admins) switches one live in one audited step — its `mode: shadow` line is removed from its
 * operator pack, which running processes reload within seconds.
 */
export const shadowRules: RouteModule = (router, deps, { staff }) => {
  router.get('/console/rules/shadow', ...staff, requireRole(...RULE_READER_ROLES), async (_req, res) => {
    const since = new Date(Date.now() - SHADOW_WINDOW_DAYS * 86_400_000).toISOString();
    const stats = new Map((await deps.store.shadowRuleStats(since)).map((s) => [s.rule, s]));
    const editable = deps.config.rulesDirs[0];
    res.json({
      since,
      rules: shadowRulesInForce(deps).map((r) => {
        const s = stats.get(r.id);
        return {
          ...r,
          file: path.basename(r.file),
          editable: !!editable && path.dirname(r.file) === editable,
          items: s?.items ?? 0,
          hits: s?.hits ?? 0,
          approved: s?.approved ?? 0,
          rejected: s?.rejected ?? 0,
          undecided: s?.undecided ?? 0,
          lastAt: s?.lastAt ?? null,
        };
      }),
    });
  });

  router.post('/console/rules/shadow/:id/live', ...staff, requireRole('officer', 'admin'), async (req, res) => {
    const id = String(req.params.id);
    const rule = shadowRulesInForce(deps).find((r) => r.id === id);
    if (!rule) throw appError('RULE_NOT_FOUND');
    const dir = deps.config.rulesDirs[0];
    if (!dir || path.dirname(rule.file) !== dir) throw appError('RULE_NOT_EDITABLE');
    let edited: string;
    try {
      edited = switchRuleLive(readFileSync(rule.file, 'utf8'), rule.file, id);
    } catch (err) {
      if (err instanceof RulePackError) throw appError('INVALID_PACK', `${path.basename(err.file)}: rule ${id}: ${err.reason}`);
      throw err;
    }
    await audited(deps.store, actorOf(req), 'rules.shadow_live', { type: 'rule', id }, { file: rule.file, pack: rule.pack }, () => {
      writePackFile(rule.file, edited);
    });
    res.json({ id, mode: 'live', pack: rule.pack });
  });
};
