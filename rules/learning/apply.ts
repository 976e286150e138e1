import type { Label, Verdict } from '../types';
import type { LearnedOpinion } from './tenant-learning';

/**
 * A verdict with the tenant's learned opinion added. Learned labels carry no hits, and only labels with hits
 * count as evidence for `block` (rules/score.ts; `merge` is the filter's `addLabels`), so learned labels alone never block; they get the sub-label
 * `learned`, so they never merge into a rule's label and lend it evidence either. A verdict the learning has
 * nothing to say about is returned as it is (the very same object).
 */
export function applyLearned(verdict: Verdict, opinion: LearnedOpinion, merge: (v: Verdict, extra: Label[]) => Verdict): Verdict {
  let out = verdict;
  if (opinion.labels.length) {
    const merged = merge(verdict, opinion.labels);
    // mergeLabels may only ever keep a block it was given.
    out = verdict.suggestion === 'block' || merged.suggestion !== 'block' ? merged : { ...merged, suggestion: 'review' };
  }
  if (opinion.riskFactor !== 1 && out.suggestion !== 'block') {
    out = { ...out, risk: Math.round(out.risk * opinion.riskFactor * 1e4) / 1e4 };
  }
  return out;
}
