import type { RulePack } from '../store';
import { row, rows, type Sql } from './db';

/**
 * Rule packs saved in the console (CONTRACT §10): the shared record every process mirrors into its own rules folder
 * (workers/pack-sync.ts). Each save takes the next revision, so one number tells a mirror whether anything changed.
 */
export const rulePacks = {
  async list(q: Sql): Promise<RulePack[]> {
    return rows<RulePack>(q, 'SELECT name, yaml, hash, updated_at AS "updatedAt" FROM rule_packs ORDER BY name');
  },

  /**
   * Inserts or replaces a pack with the next revision. The table lock (which only other saves wait for) keeps
   * revisions in commit order: with a sequence, a save holding a lower number could commit after a reader had seen a
   * higher one, and that pack would never be mirrored.
   */
  async save(q: Sql, name: string, yaml: string, hash: string, now: string): Promise<void> {
    await q.query('LOCK TABLE rule_packs IN EXCLUSIVE MODE');
    await q.query(
      `INSERT INTO rule_packs (name, yaml, hash, revision, updated_at)
       VALUES ($1, $2, $3, (SELECT COALESCE(MAX(revision), 0) + 1 FROM rule_packs), $4)
       ON CONFLICT (name) DO UPDATE SET yaml = excluded.yaml, hash = excluded.hash, revision = excluded.revision, updated_at = excluded.updated_at`,
      [name, yaml, hash, now],
    );
  },

  async version(q: Sql): Promise<number> {
    return Number((await row<{ v: string }>(q, 'SELECT COALESCE(MAX(revision), 0) AS v FROM rule_packs'))?.v ?? 0);
  },
};
