import type { ShadowHit } from '../../rules/types';
import type { ShadowRuleStats } from '../sqlite/shadow-hits';
import { rows, type Sql } from './db';

/** Shadow-rule matches per item, written with the verdict (the verdict body keeps the hits themselves). */
export const shadowHits = {
  async record(q: Sql, itemId: string, hits: readonly ShadowHit[], at: string): Promise<void> {
    const perRule = new Map<string, number>();
    for (const h of hits) perRule.set(h.rule, (perRule.get(h.rule) ?? 0) + 1);
    for (const [rule, n] of perRule) {
      await q.query('INSERT INTO shadow_hits (item_id, rule_id, hits, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [itemId, rule, n, at]);
    }
  },

  async stats(q: Sql, since: string): Promise<ShadowRuleStats[]> {
    return rows<ShadowRuleStats>(
      q,
      `SELECT s.rule_id AS rule, COUNT(*) AS items, SUM(s.hits)::bigint AS hits,
              COUNT(*) FILTER (WHERE d.action = 'approve') AS approved,
              COUNT(*) FILTER (WHERE d.action = 'reject') AS rejected,
              COUNT(*) FILTER (WHERE d.action IS NULL) AS undecided,
              MAX(s.created_at) AS "lastAt"
       FROM shadow_hits s
       LEFT JOIN decisions d ON d.seq = (SELECT MAX(seq) FROM decisions x WHERE x.item_id = s.item_id AND x.user_id IS NOT NULL AND x.action IN ('approve', 'reject'))
       WHERE s.created_at >= $1
       GROUP BY s.rule_id ORDER BY items DESC`,
      [since],
    );
  },
};
