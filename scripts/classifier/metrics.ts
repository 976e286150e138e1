/*
 * Metrics shared by scripts/train.ts, scripts/eval.ts and the experiment ladder (pure; callers do the I/O).
 */
import type { TextModel } from '../../rules/classifier/types';

export interface BinaryMetrics {
  n: number;
  accuracy: number;
  /** Per class: [safe(0), positive(1)]. */
  precision: [number, number];
  recall: [number, number];
  f1: [number, number];
  /** Share predicted positive. */
  flagged: number;
}

/** Insults and discrimination: ethnic_hatred, or fraud_insult other than the fraud finding (cls-9). */
export function offensiveScore(model: TextModel, text: string): number {
  let s = 0;
  for (const p of model.predict(text))
    if ((p.category === 'ethnic_hatred' || (p.category === 'fraud_insult' && p.label !== 'fraud')) && p.score > s) s = p.score;
  return s;
}

/** The obscene_violent (harm) heads' score, cls-8 on (not cls-9's gambling finding); 0 for older models. */
export function harmScore(model: TextModel, text: string): number {
  let s = 0;
  for (const p of model.predict(text)) if (p.category === 'obscene_violent' && p.label !== 'gambling' && p.score > s) s = p.score;
  return s;
}

/** The score of the finding with this category and label (cls-9's gambling, cult and fraud findings); 0 when absent. */
export function findingScore(category: string, label: string): (model: TextModel, text: string) => number {
  return (model, text) => {
    let s = 0;
    for (const p of model.predict(text)) if (p.category === category && p.label === label && p.score > s) s = p.score;
    return s;
  };
}

export function spamScore(model: TextModel, text: string): number {
  let s = 0;
  for (const p of model.predict(text)) if (p.category === 'advertising' && p.score > s) s = p.score;
  return s;
}

export function binaryMetrics(gold: ArrayLike<number>, pred: ArrayLike<number>): BinaryMetrics {
  const n = gold.length;
  const c = [
    [0, 0],
    [0, 0],
  ];
  let flagged = 0;
  for (let i = 0; i < n; i++) {
    c[gold[i]][pred[i]]++;
    flagged += pred[i];
  }
  const prec = (k: number) => c[k][k] / Math.max(1, c[0][k] + c[1][k]);
  const rec = (k: number) => c[k][k] / Math.max(1, c[k][0] + c[k][1]);
  const f1 = (k: number) => {
    const p = prec(k);
    const r = rec(k);
    return p + r > 0 ? (2 * p * r) / (p + r) : 0;
  };
  return {
    n,
    accuracy: (c[0][0] + c[1][1]) / Math.max(1, n),
    precision: [prec(0), prec(1)],
    recall: [rec(0), rec(1)],
    f1: [f1(0), f1(1)],
    flagged: flagged / Math.max(1, n),
  };
}

export function evaluate(model: TextModel, items: Array<{ text: string; label: number }>, score: (m: TextModel, t: string) => number): BinaryMetrics {
  const gold = items.map((x) => x.label);
  const pred = items.map((x) => (score(model, x.text) >= 0.5 ? 1 : 0));
  return binaryMetrics(gold, pred);
}

/** Share of texts scored ≥ 0.5 by `score`. */
export function flaggedRate(model: TextModel, texts: readonly string[], score: (m: TextModel, t: string) => number): number {
  let k = 0;
  for (const t of texts) if (score(model, t) >= 0.5) k++;
  return k / Math.max(1, texts.length);
}

export function itemsPerSecond(model: TextModel, texts: string[], minMs = 1000): number {
  let count = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const t of texts) model.predict(t);
    count += texts.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (count * 1000) / elapsed;
}

export const pct = (x: number): string => (100 * x).toFixed(1) + '%';
export const f3 = (x: number): string => x.toFixed(3);
