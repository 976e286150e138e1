import type { Category } from '../../rules/categories';
import type { LearningExample } from '../../rules/learning';
import { exampleFeatures, FEATURE_VERSION } from '../../rules/learning';
import type { Db } from './db';
import { learningSummaryOf } from '../store-rules';

/** Examples kept per tenant; the oldest go first. */
export const MAX_EXAMPLES_PER_TENANT = 20_000;

export interface StoredExample extends LearningExample {
  seq: number;
}

export interface LearningSummary {
  tenantId: string;
  examples: number;
  approvals: number;
  rejections: Partial<Record<Category, number>>;
  lastAt: string | null;
  generation: number;
  resetAt: string | null;
}

export interface WaitingItem {
  id: string;
  externalId: string;
  title: string | null;
  text: string | null;
  risk: number;
  createdAt: string;
}

interface ExampleRow {
  id: number;
  item_id: string;
  rejected_as: string;
  fingerprint: string | null;
  features: Buffer;
}

/** Training examples from staff decisions (store/sqlite/migrations/006-learning.ts). */
export class LearningTable {
  constructor(private readonly db: Db) {}

  /** Inside the decision's transaction. `rejectedAs` is empty for an approval. */
  add(input: { tenantId: string; itemId: string; decisionId: string; title: string | null; text: string | null; rejectedAs: Category[] }, at: string): void {
    const { fingerprint, features } = exampleFeatures(input);
    this.db
      .prepare(
        `INSERT INTO learning_examples (tenant_id, item_id, decision_id, rejected_as, fingerprint, features, feature_version, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.tenantId,
        input.itemId,
        input.decisionId,
        JSON.stringify(input.rejectedAs),
        fingerprint,
        Buffer.from(features.buffer, features.byteOffset, features.byteLength),
        FEATURE_VERSION,
        at,
      );
    this.db
      .prepare(
        `DELETE FROM learning_examples WHERE tenant_id = ? AND id <= (
           SELECT id FROM learning_examples WHERE tenant_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
      )
      .run(input.tenantId, input.tenantId, MAX_EXAMPLES_PER_TENANT);
  }

  /** A tenant's examples after `afterSeq`, oldest first. */
  since(tenantId: string, afterSeq: number, limit: number): StoredExample[] {
    const rows = this.db
      .prepare(
        `SELECT id, item_id, rejected_as, fingerprint, features FROM learning_examples
         WHERE tenant_id = ? AND id > ? AND feature_version = ? ORDER BY id LIMIT ?`,
      )
      .all(tenantId, afterSeq, FEATURE_VERSION, limit) as ExampleRow[];
    return rows.map((r) => ({
      seq: r.id,
      itemId: r.item_id,
      rejectedAs: JSON.parse(r.rejected_as) as Category[],
      fingerprint: r.fingerprint,
      // Copy: the row's buffer may not be 4-byte aligned.
      features: new Int32Array(new Uint8Array(r.features).buffer),
    }));
  }

  /** A tenant's items waiting for review (newest first, at most `limit`), for grouping a spam wave. */
  waiting(tenantId: string, limit: number): WaitingItem[] {
    return this.db
      .prepare(
        `SELECT id, external_id AS externalId, title, text, risk, created_at AS createdAt FROM items
         WHERE tenant_id = ? AND status = 'pending_review' ORDER BY created_at DESC LIMIT ?`,
      )
      .all(tenantId, limit) as WaitingItem[];
  }

  generation(tenantId: string): number {
    const row = this.db.prepare('SELECT generation FROM learning_generations WHERE tenant_id = ?').get(tenantId) as { generation: number } | undefined;
    return row?.generation ?? 0;
  }

  /** Forgets everything a tenant's decisions taught. Returns the number of examples deleted. */
  reset(tenantId: string, at: string): number {
    const { changes } = this.db.prepare('DELETE FROM learning_examples WHERE tenant_id = ?').run(tenantId);
    this.db
      .prepare(
        `INSERT INTO learning_generations (tenant_id, generation, reset_at) VALUES (?, 1, ?)
         ON CONFLICT(tenant_id) DO UPDATE SET generation = generation + 1, reset_at = excluded.reset_at`,
      )
      .run(tenantId, at);
    return changes;
  }

  summary(tenantId: string): LearningSummary {
    const groups = this.db
      .prepare('SELECT rejected_as AS rejectedAs, COUNT(*) AS n, MAX(created_at) AS last FROM learning_examples WHERE tenant_id = ? GROUP BY rejected_as')
      .all(tenantId) as Array<{ rejectedAs: string; n: number; last: string }>;
    const gen = this.db.prepare('SELECT generation, reset_at AS resetAt FROM learning_generations WHERE tenant_id = ?').get(tenantId) as
      { generation: number; resetAt: string } | undefined;
    return learningSummaryOf(tenantId, groups, gen ?? null);
  }
}
