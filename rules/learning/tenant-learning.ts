import type { Category } from '../categories';
import { combine } from '../score';
import type { Label } from '../types';
import { analyseItem, analysisWorkspace } from './features';
import { NearDuplicateIndex } from './near-duplicate-index';
import { OnlineModel, type OnlineModelOptions } from './online-model';
import { fingerprintFromHex } from './simhash';

/** One staff decision as the learning sees it (a stored training example). */
export interface LearningExample {
  itemId: string;
  /** Empty for an approval; the rejection's categories otherwise. */
  rejectedAs: Category[];
  /** SimHash as 16 hex digits, or null for a text too short to fingerprint. */
  fingerprint: string | null;
  features: Int32Array;
}

export interface TenantLearningOptions {
  /** Decided items kept in the near-duplicate index (default 5,000, oldest evicted). */
  indexCapacity?: number;
  /** Hamming distance that counts as near-duplicate (default 8 of 64 bits). */
  maxDistance?: number;
  /**
   * The online model's probability from which it labels an item (default 0.6: chosen on training items only — see
   * bench/RESULTS.md, "Learning").
   */
  modelThreshold?: number;
  model?: OnlineModelOptions;
}

/** What the learned state says about one item: labels to add, and a factor for the risk (1 = unchanged). */
export interface LearnedOpinion {
  labels: Label[];
  /** < 1 when the item resembles approved items and nothing rejected: the risk is multiplied by it. */
  riskFactor: number;
  /** The approved near-duplicates behind a lowered risk, for the explanation. */
  approvedSimilar: number;
}

/** Highest score a learned label can carry: the queue puts it high, but it stays short of any rule's certainty. */
export const MAX_LEARNED_SCORE = 0.9;

/** Rough size of one near-duplicate index entry (fingerprint, item id, categories, object overhead). */
const INDEX_ENTRY_BYTES = 100;

/**
 * Everything one tenant's decisions taught: a near-duplicate index and an online model. Pure and in memory;
 * the store keeps the examples and every worker replays them. Memory bound per tenant: the index
 * (≤ 5,000 entries, < 0.5 MiB) plus the model (≤ 12 heads × 128 KiB = 1.5 MiB): under 2 MiB.
 */
export class TenantLearning {
  private readonly index: NearDuplicateIndex;
  private readonly model: OnlineModel;
  private readonly threshold: number;
  private readonly byCategory = new Map<Category, number>();
  private approvals = 0;
  private rejections = 0;
  private readonly workspace = analysisWorkspace();

  constructor(options: TenantLearningOptions = {}) {
    this.index = new NearDuplicateIndex(options.indexCapacity ?? 5000, options.maxDistance ?? 8);
    this.model = new OnlineModel(options.model);
    this.threshold = options.modelThreshold ?? 0.6;
  }

  learn(e: LearningExample): void {
    if (e.rejectedAs.length === 0) this.approvals++;
    else this.rejections++;
    for (const c of e.rejectedAs) this.byCategory.set(c, (this.byCategory.get(c) ?? 0) + 1);
    const f = e.fingerprint ? fingerprintFromHex(e.fingerprint) : null;
    if (f) this.index.add({ itemId: e.itemId, fingerprint: f, rejectedAs: e.rejectedAs });
    this.model.learn(e.features, e.rejectedAs);
  }

  /** The learned labels and risk factor for an item of this tenant. */
  opinion(input: { title?: string | null; text?: string | null }): LearnedOpinion {
    const ws = this.workspace;
    // One pass over the item, without building its normalised text; the n-grams only when the model can answer.
    const modelReady = this.model.ready;
    analyseItem(input, ws, modelReady);
    const near = ws.fingerprinted && this.index.size ? this.index.find(ws) : null;
    let labels: Label[] = [];
    if (near && near.rejected > 0 && near.rejected >= near.approved && near.category) {
      labels = [
        {
          category: near.category,
          label: 'learned',
          score: round(Math.min(MAX_LEARNED_SCORE, 1 - Math.pow(0.6, near.rejected))),
          hits: [],
          source: 'learned',
          reason: `与 ${near.rejected} 条已驳回内容相似`,
          ...(near.example ? { similarTo: near.example } : {}),
        },
      ];
    }
    for (const { category, p } of modelReady ? this.model.scores(ws.features, ws.count) : []) {
      if (p < this.threshold) continue;
      const modelScore = 0.8 * p;
      const reason = `学习模型评分 ${p.toFixed(2)}`;
      const prev = labels.find((l) => l.category === category);
      if (prev) {
        prev.score = round(Math.min(MAX_LEARNED_SCORE, combine(prev.score, modelScore)));
        prev.reason = `${prev.reason}；${reason}`;
      } else {
        labels.push({ category, label: 'learned', score: round(Math.min(MAX_LEARNED_SCORE, modelScore)), hits: [], source: 'learned', reason });
      }
    }
    const lowered = labels.length === 0 && near !== null && near.approved > 0 && near.rejected === 0;
    return { labels, riskFactor: lowered ? 0.5 : 1, approvedSimilar: lowered ? near.approved : 0 };
  }

  stats(): { decisions: number; approvals: number; rejections: Partial<Record<Category, number>>; indexed: number; memoryBytes: number } {
    const rejections: Partial<Record<Category, number>> = {};
    for (const [c, n] of this.byCategory) rejections[c] = n;
    return {
      decisions: this.approvals + this.rejections,
      approvals: this.approvals,
      rejections,
      indexed: this.index.size,
      memoryBytes: TenantLearning.memoryBytes(this.index.size, this.byCategory.size),
    };
  }

  /** Approximate memory of a state with this many indexed items and category heads (at the default model size). */
  static memoryBytes(indexed: number, heads: number): number {
    return heads * (1 << 15) * Float32Array.BYTES_PER_ELEMENT + indexed * INDEX_ENTRY_BYTES;
  }

  /** For tests of the bound on one moderator's influence. */
  modelNorms(): Partial<Record<Category, number>> {
    return this.model.norms();
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
