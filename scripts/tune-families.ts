/*
 * node dist/scripts/tune-families.js [--show] [--data FILE] [--no-classifier]   (build first)
 *
 * Screens the family tuning set (data/tuning/families-dev.jsonl by default: harmful posts in the
 * weak families and ordinary look-alikes, written by hand) with the shipped defaults
 * (createFilterSync(), classifier on unless --no-classifier) and prints per family the share flagged
 * (review or block), the share flagged under the expected category (any label / top label; for
 * `fraud_insult` the label must be `fraud`), and for the look-alikes the share flagged and blocked.
 * `--show` lists the misses, wrong categories and false alarms with the rules that fired.
 * A tuning figure, not a headline: the rules were tuned on this file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFilterSync } from '../rules/filter';
import type { Label, Verdict } from '../rules/types';
import { repoRoot } from './classifier/recipe';

interface Row {
  text: string;
  title?: string;
  label: 'harmful' | 'ordinary';
  category?: string;
  family: string;
}

interface Tally {
  total: number;
  flagged: number;
  rightAny: number;
  rightTop: number;
  blocked: number;
}

const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(1)}%`;
const describe = (v: Verdict): string =>
  v.labels.map((l) => `${l.category}/${l.label ?? ''}:${l.hits.map((h) => h.rule).join('+') || (l.reason ?? '')}`).join(' ');

/** A label counts as the right category when its category matches (and, for fraud, its label too). */
function isRight(l: Label, category: string | undefined): boolean {
  if (l.category !== category) return false;
  return category !== 'fraud_insult' || l.label === 'fraud';
}

function readRows(file: string): Row[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

function main(): void {
  const args = process.argv.slice(2);
  const show = args.includes('--show');
  const root = repoRoot();
  const dataArg = args.indexOf('--data');
  const file = dataArg >= 0 ? args[dataArg + 1] : path.join(root, 'data/tuning/families-dev.jsonl');
  const filter = createFilterSync({ classifier: !args.includes('--no-classifier') });
  const tallies = new Map<string, Tally>();
  const notes: string[] = [];

  for (const r of readRows(file)) {
    const v = filter.screen({ title: r.title, text: r.text });
    const t = tallies.get(r.family) ?? { total: 0, flagged: 0, rightAny: 0, rightTop: 0, blocked: 0 };
    tallies.set(r.family, t);
    t.total++;
    const flagged = v.suggestion !== 'pass';
    const post = r.title ? `${r.title} | ${r.text}` : r.text;
    if (flagged) t.flagged++;
    if (v.suggestion === 'block') t.blocked++;
    if (r.label === 'harmful') {
      const top = [...v.labels].sort((a, b) => b.score - a.score)[0];
      const any = flagged && v.labels.some((l) => isRight(l, r.category));
      if (any) t.rightAny++;
      if (flagged && top && isRight(top, r.category)) t.rightTop++;
      if (!flagged) notes.push(`MISS   ${r.family.padEnd(8)} ${post}  → ${describe(v)}`);
      else if (!any) notes.push(`WRONG  ${r.family.padEnd(8)} ${post}  → ${describe(v)}`);
    } else if (flagged) {
      notes.push(`FALSE  ${r.family.padEnd(8)} ${v.suggestion} ${post}  → ${describe(v)}`);
    }
  }

  console.log(`${path.relative(root, file)} (classifier ${filter.info.model})`);
  for (const [family, t] of [...tallies].sort()) {
    const line = family.startsWith('lookalike')
      ? `flagged ${pct(t.flagged, t.total)}, blocked ${t.blocked}`
      : `flagged ${pct(t.flagged, t.total)}, right category (any label) ${pct(t.rightAny, t.total)}, (top label) ${pct(t.rightTop, t.total)}`;
    console.log(`  ${family.padEnd(18)} n=${String(t.total).padEnd(4)} ${line}`);
  }
  if (show) for (const n of notes) console.log(n);
}

main();
