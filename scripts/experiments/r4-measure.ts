/*
 * node dist/scripts/experiments/r4-measure.js [--show] [--no-classifier] FILE_OR_DIR…   (build first)
 *
 * Round 4 of issue 12: one line per file with the harmful share flagged (review or block) and the
 * ordinary share flagged and blocked, then per family. Reads any of the tuning formats (label
 * harmful/1 → harmful; ordinary/0/lookalike → ordinary; family from `family`, `topic` or `kind`).
 * `--show` lists misses and false alarms: never use it on a blind check set before the round ends.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFilterSync } from '../../rules/filter';
import type { Verdict } from '../../rules/types';

interface Row {
  text: string;
  title?: string;
  label: string | number;
  family?: string;
  topic?: string;
  kind?: string;
  expect?: string;
}

interface Tally {
  n: number;
  flagged: number;
  blocked: number;
}

const pct = (t: Tally): string => `${((100 * t.flagged) / Math.max(t.n, 1)).toFixed(1)}% (${t.flagged}/${t.n})`;
const describe = (v: Verdict): string => v.labels.map((l) => `${l.category}:${l.hits.map((h) => h.rule).join('+') || (l.reason ?? '')}`).join(' ');

function rowsOf(target: string): Row[] {
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => path.join(target, f))
    : [target];
  return files.flatMap((f) =>
    fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Row),
  );
}

const isHarmful = (r: Row): boolean => r.label === 'harmful' || r.label === 1 || r.label === 'spam';

function main(): void {
  const args = process.argv.slice(2);
  const show = args.includes('--show');
  const filter = createFilterSync({ classifier: !args.includes('--no-classifier') });
  for (const target of args.filter((a) => !a.startsWith('--'))) {
    const sums = new Map<string, Tally>();
    const notes: string[] = [];
    for (const r of rowsOf(target)) {
      const v = filter.screen({ title: r.title, text: r.text });
      const harmful = isHarmful(r);
      const keys = [harmful ? 'HARMFUL' : 'ORDINARY', `${harmful ? 'h' : 'o'}:${r.family ?? r.topic ?? r.kind ?? '-'}`];
      for (const k of keys) {
        const t = sums.get(k) ?? { n: 0, flagged: 0, blocked: 0 };
        sums.set(k, t);
        t.n++;
        if (v.suggestion !== 'pass') t.flagged++;
        if (v.suggestion === 'block') t.blocked++;
      }
      if (harmful && v.suggestion === 'pass') notes.push(`MISS  ${keys[1]}  ${r.text}`);
      if (!harmful && v.suggestion !== 'pass') notes.push(`FALSE ${keys[1]} ${v.suggestion}  ${r.text}  → ${describe(v)}`);
    }
    const h = sums.get('HARMFUL');
    const o = sums.get('ORDINARY');
    console.log(`${target}: harmful ${h ? pct(h) : '-'}; ordinary ${o ? `${pct(o)} blocked ${o.blocked}` : '-'}`);
    const fams = [...sums].filter(([k]) => k.includes(':')).sort();
    console.log(`   ${fams.map(([k, t]) => `${k} ${t.flagged}/${t.n}`).join(', ')}`);
    if (show) for (const n of notes) console.log(`   ${n}`);
  }
}

main();
