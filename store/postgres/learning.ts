import type { Category } from '../../rules/categories';
import { exampleFeatures, FEATURE_VERSION } from '../../rules/learning';
import type { LearningSummary, StoredExample, WaitingItem } from '../sqlite/learning';
import { MAX_EXAMPLES_PER_TENANT } from '../sqlite/learning';
import { learningSummaryOf } from '../store-rules';
import { rows, row, run, type Sql } from './db';

/** Training examples from staff decisions (migration 006). */
export const learning = {
  /** Inside the decision's transaction. `rejectedAs` is empty for an approval. */
  async add(
    q: Sql,
    input: { tenantId: string; itemId: string; decisionId: string; title: string | null; text: string | null; rejectedAs: Category[] },
    at: string,
  ): Promise<void> {
    const { fingerprint, features } = exampleFeatures(input);
    await q.query(
      `INSERT INTO learning_examples (tenant_id, item_id, decision_id, rejected_as, fingerprint, features, feature_version, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        input.tenantId,
        input.itemId,
        input.decisionId,
        JSON.stringify(input.rejectedAs),
        fingerprint,
        Buffer.from(features.buffer, features.byteOffset, features.byteLength),
        FEATURE_VERSION,
        at,
      ],
    );
    await q.query(
      `DELETE FROM learning_examples WHERE tenant_id = $1 AND id <= (
         SELECT id FROM learning_examples WHERE tenant_id = $1 ORDER BY id DESC LIMIT 1 OFFSET $2)`,
      [input.tenantId, MAX_EXAMPLES_PER_TENANT],
    );
  },

  /** A tenant's examples after `afterSeq`, oldest first. */
  async since(q: Sql, tenantId: string, afterSeq: number, limit: number): Promise<StoredExample[]> {
    const found = await rows<{ id: number; item_id: string; rejected_as: string; fingerprint: string | null; features: Buffer }>(
      q,
      `SELECT id, item_id, rejected_as, fingerprint, features FROM learning_examples
       WHERE tenant_id = $1 AND id > $2 AND feature_version = $3 ORDER BY id LIMIT $4`,
      [tenantId, afterSeq, FEATURE_VERSION, limit],
    );
    return found.map((r) => ({
      seq: r.id,
      itemId: r.item_id,
      rejectedAs: JSON.parse(r.rejected_as) as Category[],
      fingerprint: r.fingerprint,
      // Copy: the row's buffer may not be 4-byte aligned.
      features: new Int32Array(new Uint8Array(r.features).buffer),
    }));
  },

  /** A tenant's items waiting for review (newest first, at most `limit`), for grouping a spam wave. */
  async waiting(q: Sql, tenantId: string, limit: number): Promise<WaitingItem[]> {
    return rows<WaitingItem>(
      q,
      `SELECT id, external_id AS "externalId", title, text, risk, created_at AS "createdAt" FROM items
       WHERE tenant_id = $1 AND status = 'pending_review' ORDER BY created_at DESC LIMIT $2`,
      [tenantId, limit],
    );
  },

  async generation(q: Sql, tenantId: string): Promise<number> {
    return (await row<{ generation: number }>(q, 'SELECT generation FROM learning_generations WHERE tenant_id = $1', [tenantId]))?.generation ?? 0;
  },

  /** Forgets everything a tenant's decisions taught. Returns the number of examples deleted. */
  async reset(q: Sql, tenantId: string, at: string): Promise<number> {
    const deleted = await run(q, 'DELETE FROM learning_examples WHERE tenant_id = $1', [tenantId]);
    await q.query(
      `INSERT INTO learning_generations (tenant_id, generation, reset_at) VALUES ($1, 1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET generation = learning_generations.generation + 1, reset_at = excluded.reset_at`,
      [tenantId, at],
    );
    return deleted;
  },

  async summary(q: Sql, tenantId: string): Promise<LearningSummary> {
    const groups = await rows<{ rejectedAs: string; n: number; last: string }>(
      q,
      'SELECT rejected_as AS "rejectedAs", COUNT(*) AS n, MAX(created_at) AS last FROM learning_examples WHERE tenant_id = $1 GROUP BY rejected_as',
      [tenantId],
    );
    const gen = await row<{ generation: number; resetAt: string }>(
      q,
      'SELECT generation, reset_at AS "resetAt" FROM learning_generations WHERE tenant_id = $1',
      [tenantId],
    );
    return learningSummaryOf(tenantId, groups, gen);
  },
};
