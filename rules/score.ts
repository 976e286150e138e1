// Scores and the suggestion.
//
// Weights combine like independent pieces of evidence: 1 − ∏(1 − w). Repeated hits of one rule
// count, but with diminishing returns (√n), so one word pasted twenty times does not outweigh
// two different rules.
import type { ActionLabel, Label, Suggestion, Verdict } from './types';

export const DEFAULT_BLOCK_THRESHOLD = 0.97;

export function ruleScore(weight: number, hits: number): number {
  if (hits <= 0 || weight <= 0) return 0;
  return 1 - Math.pow(1 - Math.min(weight, 1), Math.sqrt(hits));
}

export function combine(a: number, b: number): number {
  return 1 - (1 - a) * (1 - b);
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * Risk and suggestion from a verdict's labels. Labels without hits (classifier findings) order
 * the queue but never block on their own: a statistical guess is not grounds for refusing content
 * without a human.
 */
export function decide(labels: readonly Label[], blockedByRule: boolean, threshold: number): { risk: number; suggestion: Suggestion } {
  if (labels.length === 0 && !blockedByRule) return { risk: 0, suggestion: 'pass' };
  // A verdict has a handful of labels: per-category sums by linear search, no Maps (this runs
  // for nearly every screened item). Each category combines its labels in label order, as before.
  let risk = 0;
  let block = blockedByRule;
  const n = labels.length;
  for (let i = 0; i < n; i++) {
    const c = labels[i].category;
    let seen = false;
    for (let j = 0; j < i; j++) {
      if (labels[j].category === c) {
        seen = true;
        break;
      }
    }
    if (seen) continue;
    let all = 0;
    let evidence = 0;
    let hasEvidence = false;
    for (let j = i; j < n; j++) {
      const l = labels[j];
      if (l.category !== c) continue;
      all = combine(all, l.score);
      if (l.hits.length > 0) {
        evidence = combine(evidence, l.score);
        hasEvidence = true;
      }
    }
    if (all > risk) risk = all;
    if (hasEvidence && evidence >= threshold) block = true;
  }
  if (block) risk = Math.max(risk, threshold);
  return { risk: round(Math.min(1, risk)), suggestion: block ? 'block' : labels.length ? 'review' : 'pass' };
}

function labelKey(l: Label): string {
  return `${l.category}\u0000${l.label ?? ''}`;
}

/** Merges labels found elsewhere (image stage) into a verdict and recomputes risk and suggestion. */
export function mergeLabels(verdict: Verdict, extra: readonly ActionLabel[], threshold: number): Verdict {
  const byKey = new Map<string, Label>();
  const labels: Label[] = [];
  for (const l of verdict.labels) {
    const copy: Label = { ...l, hits: [...l.hits] };
    byKey.set(labelKey(copy), copy);
    labels.push(copy);
  }
  let blocked = verdict.suggestion === 'block';
  for (const e of extra) {
    if (e.action === 'block') blocked = true;
    const { action: _action, ...plain } = e;
    const prev = byKey.get(labelKey(plain));
    if (prev) {
      prev.score = round(combine(prev.score, plain.score));
      prev.hits.push(...plain.hits);
      if (plain.reason) prev.reason = prev.reason ? `${prev.reason}; ${plain.reason}` : plain.reason;
    } else {
      const copy: Label = { ...plain, score: round(plain.score), hits: [...plain.hits] };
      byKey.set(labelKey(copy), copy);
      labels.push(copy);
    }
  }
  const { risk, suggestion } = decide(labels, blocked, threshold);
  return { ...verdict, labels, risk, suggestion };
}
