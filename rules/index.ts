// Placeholder until the filter lands: the public entry point (CONTRACT §8).
import type { ActionLabel, CreateFilterOptions, Filter, ScreenInput, Verdict } from './types';

export * from './types';
export * from './categories';

export async function createFilter(_options: CreateFilterOptions = {}): Promise<Filter> {
  return {
    screen(input: ScreenInput): Verdict {
      return { id: input.id, suggestion: 'pass', risk: 0, labels: [], engine: { rules: '0', model: 'none' } };
    },
    matchImage(): ActionLabel[] {
      return [];
    },
    addLabels(verdict: Verdict, extra: ActionLabel[]): Verdict {
      const labels = [...verdict.labels, ...extra];
      const risk = Math.max(verdict.risk, ...extra.map((l) => l.score));
      const block = verdict.suggestion === 'block' || extra.some((l) => l.action === 'block');
      return { ...verdict, labels, risk, suggestion: block ? 'block' : labels.length ? 'review' : 'pass' };
    },
  };
}
