/*
 * Logistic regression on hashed sparse features, trained with AdaGrad. Written here rather than using
 * natural's LogisticRegressionClassifier, which keeps dense per-document vectors over the whole
 * vocabulary and is far too slow for 40k documents (see README for the measured comparison).
 */

export interface Example {
  /** Feature buckets with repeats (counts); value per occurrence is 1/sqrt(idx.length) (LearnOptions.normPower). */
  idx: Int32Array;
  y: 0 | 1;
  /** Sample weight. */
  weight: number;
}

export interface LearnOptions {
  epochs: number;
  /** AdaGrad base step. */
  lr: number;
  /** L2 penalty applied to the weights a step touches. */
  l2: number;
  seed: number;
  /**
   * Averaged SGD: return the average of the weights over every step from this epoch on (0-based;
   * undefined: the last iterate). Computed lazily (w − u/c), one extra write per update.
   */
  averageFrom?: number;
  /**
   * NB weighting (NBSVM, Wang & Manning 2012), offensive head only (build.ts): each bucket's value is
   * scaled by its log-count ratio r computed on the head's training data with smoothing `alpha`,
   * interpolated as (1 − beta) + beta·|r| (beta 1: pure |r|), and the scale is folded into the stored
   * weights (w'_j = w_j·s_j), so prediction is unchanged. `weighted`: documents count by their sample weight;
   * `power`: |r| is raised to this power first (default 1).
   */
  nb?: { alpha: number; beta: number; weighted?: boolean; power?: number };
  /** NB weighting of the stance head too (its own ratios, on its own training data). */
  nbStance?: boolean;
  /**
   * Offensive head only (build.ts): train it this many times with seeds seed, seed+1, … (different
   * shuffles) and average the weights; still one linear model, so prediction costs the same.
   */
  bag?: number;
  /** Value per occurrence n^−normPower (default 0.5); build.ts sets it from the feature options. */
  normPower?: number;
}

export interface LinearHead {
  w: Float32Array;
  bias: number;
}

export function trainLogistic(examples: Example[], dim: number, opts: LearnOptions, featureScale?: Float32Array): LinearHead {
  const w = new Float32Array(dim);
  const avgFrom = opts.averageFrom;
  // Averaging: u accumulates c·Δw at step c; the average of the iterates from the start step is w − u/c.
  const u = avgFrom !== undefined ? new Float64Array(dim) : null;
  let ub = 0;
  let c = 0;
  const g2 = new Float32Array(dim).fill(1e-6);
  let bias = 0;
  let bg2 = 1e-6;
  const order = Array.from(examples.keys());
  let rand = mulberry32(opts.seed);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, rand);
    const averaging = u !== null && avgFrom !== undefined && epoch >= avgFrom;
    for (const ei of order) {
      const ex = examples[ei];
      const idx = ex.idx;
      const n = idx.length;
      if (n === 0) continue;
      const v = opts.normPower === undefined || opts.normPower === 0.5 ? 1 / Math.sqrt(n) : n ** -opts.normPower;
      let z = bias;
      if (featureScale) for (let i = 0; i < n; i++) z += w[idx[i]] * v * featureScale[idx[i]];
      else for (let i = 0; i < n; i++) z += w[idx[i]] * v;
      const p = 1 / (1 + Math.exp(-z));
      const g = (p - ex.y) * ex.weight;
      if (averaging) c++;
      // A bucket that appears k times gets k updates of g·v; the sum equals the exact gradient g·k·v.
      for (let i = 0; i < n; i++) {
        const j = idx[i];
        const gi = g * v * (featureScale ? featureScale[j] : 1) + opts.l2 * w[j];
        g2[j] += gi * gi;
        const d = (opts.lr * gi) / Math.sqrt(g2[j]);
        w[j] -= d;
        if (averaging && u) u[j] -= c * d;
      }
      bg2 += g * g;
      const db = (opts.lr * g) / Math.sqrt(bg2);
      bias -= db;
      if (averaging) ub -= c * db;
    }
    rand = mulberry32(opts.seed + epoch + 1);
  }
  if (u && c > 0) {
    // Iterates counted from the first averaged step: w_avg = w_end − u/c, with u relative to the weights at that step.
    for (let j = 0; j < dim; j++) w[j] -= u[j] / c;
    bias -= ub / c;
  }
  return { w, bias };
}

/** Platt scaling: fits p = σ(a·z + b) to labels by Newton's method on the log loss. */
export function fitPlatt(z: ArrayLike<number>, y: ArrayLike<number>): { a: number; b: number } {
  const n = z.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += y[i];
  const neg = n - pos;
  // Platt's smoothed targets avoid infinite slopes on separable data.
  const tPos = (pos + 1) / (pos + 2);
  const tNeg = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-9;
    let hAB = 0;
    let hBB = 1e-9;
    for (let i = 0; i < n; i++) {
      const t = y[i] ? tPos : tNeg;
      const p = 1 / (1 + Math.exp(-(a * z[i] + b)));
      const d = p - t;
      const s = p * (1 - p);
      gA += d * z[i];
      gB += d;
      hAA += s * z[i] * z[i];
      hAB += s * z[i];
      hBB += s;
    }
    const det = hAA * hBB - hAB * hAB;
    if (Math.abs(det) < 1e-12) break;
    const da = (hBB * gA - hAB * gB) / det;
    const db = (hAA * gB - hAB * gA) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(a: T[], rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
