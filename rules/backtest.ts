// A rule change tried on stored items before it goes live (CONTRACT §13): the same items screened by the rules in
// force and by the rules with the change, the differences counted, and each watched rule's hits joined with the
// human decisions already made on those items — its precision before anyone relies on it. No I/O here: the caller
// supplies the items (the store) and gets a report.
import type { TextModel } from './classifier/types';
import { CompiledFilter, type CompileOptions } from './filter';
import { RulePackError, type Pack } from './packs';
import type { Filter, ScreenInput, Suggestion, Verdict } from './types';

/** One stored item as the backtest needs it. */
export interface BacktestItem {
  id: string;
  title: string | null;
  text: string | null;
  /** Text read from the item's images at screening time (`images[N].ocr`), screened like the other fields. */
  fields?: Record<string, string>;
  /** The latest human decision on the item, if any. */
  decision: 'approve' | 'reject' | null;
}

export interface RuleOutcome {
  /** Items the rule hit (with the change in force). */
  hits: number;
  /** Of those, items a moderator approved / rejected. */
  approved: number;
  rejected: number;
}

export interface BacktestReport {
  items: number;
  /** `"pass->review": n`: items whose suggestion would change, by old and new suggestion. */
  changed: Record<string, number>;
  byRule: Record<string, RuleOutcome>;
}

/**
 * The packs with a change in force: each changed pack replaces the pack of the same name (an edited copy of an
 * operator pack) or is added. Rule ids must still be unique across the result (the filter checks).
 */
export function withChangedPacks(inForce: readonly Pack[], changed: readonly Pack[]): Pack[] {
  const names = new Set(changed.map((p) => p.name));
  const packs = [...inForce.filter((p) => !names.has(p.name)), ...changed];
  const owner = new Map<string, string>();
  for (const pack of packs) {
    for (const r of pack.rules) {
      const prev = owner.get(r.id);
      if (prev !== undefined) throw new RulePackError(pack.file, r.id, `rule id already used in ${prev}`);
      owner.set(r.id, pack.file);
    }
  }
  return packs;
}

/**
 * The filters of a backtest: the rules alone before and after the change, and the whole filters (classifier
 * included) for the items where the rules alone disagree. Labels without hits come only from the classifier, which
 * sees the same text either way, so where the rules alone agree the whole verdicts agree too: most items cost two
 * rule passes and no classification.
 */
export interface BacktestFilters {
  rulesBefore: Filter;
  rulesAfter: Filter;
  before: Filter;
  after: Filter;
}

export function backtestFilters(before: Pack[], after: Pack[], model: TextModel | null, options: Omit<CompileOptions, 'model'> = {}): BacktestFilters {
  const rulesBefore = new CompiledFilter(before, { ...options, model: null });
  const rulesAfter = new CompiledFilter(after, { ...options, model: null });
  if (!model) return { rulesBefore, rulesAfter, before: rulesBefore, after: rulesAfter };
  return { rulesBefore, rulesAfter, before: new CompiledFilter(before, { ...options, model }), after: new CompiledFilter(after, { ...options, model }) };
}

function sameRules(a: Verdict, b: Verdict): boolean {
  return (
    a.suggestion === b.suggestion && a.labels.length === b.labels.length && (a.labels.length === 0 || JSON.stringify(a.labels) === JSON.stringify(b.labels))
  );
}

/**
 * Screens every item before and after the change. `watch` lists the rules to report in `byRule` (the changed
 * pack's rules); each is reported, hit or not, so a rule that never fires shows as such.
 */
export async function runBacktest(batches: AsyncIterable<BacktestItem[]>, filters: BacktestFilters, watch: string[]): Promise<BacktestReport> {
  const report: BacktestReport = { items: 0, changed: {}, byRule: {} };
  const watched = new Map<string, RuleOutcome>(watch.map((id) => [id, { hits: 0, approved: 0, rejected: 0 }]));
  for await (const batch of batches) {
    // Let the process serve others between batches: a backtest may run inside the API process (the console).
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const item of batch) {
      const input: ScreenInput = { id: item.id, title: item.title ?? undefined, text: item.text ?? undefined, fields: item.fields };
      report.items++;
      const rulesAfter = filters.rulesAfter.screen(input);
      if (!sameRules(filters.rulesBefore.screen(input), rulesAfter)) {
        const was: Suggestion = filters.before.screen(input).suggestion;
        const now: Suggestion = filters.after.screen(input).suggestion;
        if (now !== was) report.changed[`${was}->${now}`] = (report.changed[`${was}->${now}`] ?? 0) + 1;
      }
      if (watched.size === 0 || rulesAfter.labels.length === 0) continue;
      const seen = new Set<string>();
      for (const label of rulesAfter.labels) for (const hit of label.hits) seen.add(hit.rule);
      for (const rule of seen) {
        const outcome = watched.get(rule);
        if (!outcome) continue;
        outcome.hits++;
        if (item.decision === 'approve') outcome.approved++;
        else if (item.decision === 'reject') outcome.rejected++;
      }
    }
  }
  report.byRule = Object.fromEntries(watched);
  return report;
}
