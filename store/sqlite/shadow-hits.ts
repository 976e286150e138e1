import type { Db } from './db';
import type { ShadowHit } from '../../rules/types';

/** One shadow rule on live traffic: the items it matched and how staff decided them (its precision so far). */
export interface ShadowRuleStats {
  rule: string;
  items: number;
  hits: number;
  approved: number;
  rejected: number;
  /** Items still waiting for a human. */
  undecided: number;
  lastAt: string;
}

/** Shadow-rule matches per item, written with the verdict (the verdict body keeps the hits themselves). */
export class ShadowHitsTable {
  constructor(private readonly db: Db) {}

  record(itemId: string, hits: readonly ShadowHit[], at: string): void {
    const perRule = new Map<string, number>();
    for (const h of hits) perRule.set(h.rule, (perRule.get(h.rule) ?? 0) + 1);
    const insert = this.db.prepare('INSERT OR IGNORE INTO shadow_hits (item_id, rule_id, hits, created_at) VALUES (?, ?, ?, ?)');
    for (const [rule, n] of perRule) insert.run(itemId, rule, n, at);
  }

  stats(since: string): ShadowRuleStats[] {
    return this.db
      .prepare(
        `SELECT s.rule_id AS rule, COUNT(*) AS items, SUM(s.hits) AS hits,
                SUM(CASE WHEN d.action = 'approve' THEN 1 ELSE 0 END) AS approved,
                SUM(CASE WHEN d.action = 'reject' THEN 1 ELSE 0 END) AS rejected,
                SUM(CASE WHEN d.action IS NULL THEN 1 ELSE 0 END) AS undecided,
                MAX(s.created_at) AS lastAt
         FROM shadow_hits s
         LEFT JOIN decisions d ON d.seq = (SELECT MAX(seq) FROM decisions x WHERE x.item_id = s.item_id AND x.user_id IS NOT NULL AND x.action IN ('approve', 'reject'))
         WHERE s.created_at >= ?
         GROUP BY s.rule_id ORDER BY items DESC`,
      )
      .all(since) as ShadowRuleStats[];
  }
}
