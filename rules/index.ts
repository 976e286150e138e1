// Placeholder until the filter lands: the public entry point (CONTRACT §8).
import type { CreateFilterOptions, Filter, Label, ScreenInput, Verdict } from './types';

export * from './types';
export * from './categories';

export async function createFilter(_options: CreateFilterOptions = {}): Promise<Filter> {
  return {
    screen(input: ScreenInput): Verdict {
      return { id: input.id, suggestion: 'pass', risk: 0, labels: [], engine: { rules: '0', model: 'none' } };
    },
  };
}

/** Merges extra labels (e.g. image findings) into a verdict and recomputes risk and suggestion. */
export function addLabels(verdict: Verdict, extra: Array<Label & { action?: 'block' | 'review' }>): Verdict {
  const labels = [...verdict.labels, ...extra];
  const risk = Math.max(verdict.risk, ...extra.map((l) => l.score));
  const block = verdict.suggestion === 'block' || extra.some((l) => l.action === 'block');
  return { ...verdict, labels, risk, suggestion: block ? 'block' : labels.length ? 'review' : 'pass' };
}
