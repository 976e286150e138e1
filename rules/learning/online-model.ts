import type { Category } from '../categories';

export interface OnlineModelOptions {
  /** Number of hashed feature buckets per head (default 2^15). */
  size?: number;
  /** SGD learning rate (default 0.25). */
  learningRate?: number;
  /**
   * Largest change one decision may make (default 0.5): the step's scale is clipped to this, and since inputs
   * are L2-normalised the whole update vector has at most this norm. One wrong decision moves little.
   */
  maxStep?: number;
  /** Largest L2 norm of a head's weights (default 12); beyond it the weights are scaled down. */
  maxNorm?: number;
  /** A head answers only after this many positive and this many negative examples (default 5). */
  minExamples?: number;
  /**
   * Up to how many times a decision of the rarer kind counts (default 4): rejections are usually the minority, and
   * a model trained on raw counts learns to say "approve". Still subject to `maxStep`.
   */
  maxBalance?: number;
}

interface Head {
  w: Float32Array;
  bias: number;
  sqNorm: number;
  positives: number;
  negatives: number;
}

/**
 * A tenant's online logistic model: one head per category the tenant's moderators have rejected, trained on
 * every decision (positive when rejected with that category, negative otherwise: approvals and other
 * categories). Memory: at most 12 heads (one per category) × `size` Float32 weights — 1.5 MiB at the default.
 */
export class OnlineModel {
  private readonly heads = new Map<Category, Head>();
  private readonly size: number;
  private readonly rate: number;
  private readonly maxStep: number;
  private readonly maxNorm: number;
  private readonly minExamples: number;
  private readonly maxBalance: number;
  /** size − 1 when size is a power of two, else −1. */
  private readonly mask: number;
  private approvals = 0;

  constructor(options: OnlineModelOptions = {}) {
    this.size = options.size ?? 1 << 15;
    this.rate = options.learningRate ?? 0.25;
    this.maxStep = options.maxStep ?? 0.5;
    this.maxNorm = options.maxNorm ?? 12;
    this.minExamples = options.minExamples ?? 5;
    this.maxBalance = options.maxBalance ?? 4;
    this.mask = (this.size & (this.size - 1)) === 0 ? this.size - 1 : -1;
  }

  /** One SGD step per head on one decision. `features` are bucket indices (each with value 1/√n). */
  learn(features: Int32Array, rejectedAs: readonly Category[]): void {
    if (rejectedAs.length === 0) this.approvals++;
    for (const c of rejectedAs) if (!this.heads.has(c)) this.heads.set(c, this.newHead(c));
    for (const [c, head] of this.heads) this.step(head, features, rejectedAs.includes(c) ? 1 : 0);
  }

  /**
   * Probability that moderators would reject this text as each category, for heads with enough examples. The
   * features are the first `count` of `features` (a workspace's buffer is longer than its item).
   */
  scores(features: Int32Array, count = features.length): Array<{ category: Category; p: number }> {
    const out: Array<{ category: Category; p: number }> = [];
    for (const [category, head] of this.heads) {
      if (!this.answers(head)) continue;
      out.push({ category, p: sigmoid(this.margin(head, features, count)) });
    }
    return out;
  }

  /** Whether any head has seen enough examples to answer (if not, screening need not compute features). */
  get ready(): boolean {
    for (const head of this.heads.values()) if (this.answers(head)) return true;
    return false;
  }

  /** Weights' L2 norm per head (for the admin view and the bound's test). */
  norms(): Partial<Record<Category, number>> {
    const out: Partial<Record<Category, number>> = {};
    for (const [c, h] of this.heads) out[c] = Math.sqrt(h.sqNorm);
    return out;
  }

  get memoryBytes(): number {
    return this.heads.size * this.size * Float32Array.BYTES_PER_ELEMENT;
  }

  private newHead(c: Category): Head {
    // Every earlier decision was, for this new category, a negative: count them so the head is not mute forever.
    let negatives = this.approvals;
    for (const [other, h] of this.heads) if (other !== c) negatives = Math.max(negatives, h.positives + h.negatives);
    return { w: new Float32Array(this.size), bias: 0, sqNorm: 0, positives: 0, negatives };
  }

  private answers(head: Head): boolean {
    return head.positives >= this.minExamples && head.negatives >= this.minExamples;
  }

  private margin(head: Head, features: Int32Array, count = features.length): number {
    if (count === 0) return head.bias;
    const x = 1 / Math.sqrt(count);
    const w = head.w;
    let s = 0;
    // Buckets are non-negative, so for a power-of-two size the mask is the same index as the remainder, and cheaper.
    if (this.mask >= 0) for (let i = 0; i < count; i++) s += w[features[i] & this.mask];
    else for (let i = 0; i < count; i++) s += w[features[i] % this.size];
    return head.bias + s * x;
  }

  private step(head: Head, features: Int32Array, y: 0 | 1): void {
    if (y) head.positives++;
    else head.negatives++;
    const g = sigmoid(this.margin(head, features)) - y;
    const ratio = y ? head.negatives / head.positives : head.positives / head.negatives;
    const balance = Math.min(this.maxBalance, Math.max(1, ratio));
    const scale = Math.max(-this.maxStep, Math.min(this.maxStep, -this.rate * g * balance));
    head.bias = Math.max(-4, Math.min(4, head.bias + scale * 0.1));
    if (features.length === 0) return;
    const d = scale / Math.sqrt(features.length);
    for (let i = 0; i < features.length; i++) {
      const k = features[i] % this.size;
      const old = head.w[k];
      const now = old + d;
      head.w[k] = now;
      head.sqNorm += now * now - old * old;
    }
    if (head.sqNorm > this.maxNorm * this.maxNorm) {
      const shrink = this.maxNorm / Math.sqrt(head.sqNorm);
      for (let k = 0; k < head.w.length; k++) head.w[k] *= shrink;
      head.sqNorm = this.maxNorm * this.maxNorm;
    }
  }
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
