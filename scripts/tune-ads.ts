/*
 * node dist/scripts/tune-ads.js [--show] [--data FILE]   (build first: npx tsc -p tsconfig.build.json)
 *
 * Measures the shipped rules (no classifier) on Chinese advertising: on the rule-tuning dev set
 * (data/tuning/zh-ads-dev.jsonl by default; never the classifier's training file) the recall and
 * precision of "the verdict has an advertising label", recall per kind, and how many ordinary
 * messages get any label; on COLD dev's non-offensive rows (label 0) how many get an advertising
 * label and how many any label. `--show` prints the misses and false alarms.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { datasetsDir, parseCsv } from './classifier/datasets';
import { createFilterSync } from '../rules/filter';
import type { Verdict } from '../rules/types';
import { repoRoot } from './classifier/recipe';

interface Row {
  text: string;
  label: 'spam' | 'ham';
  kind?: string;
}

const hasAd = (v: Verdict): boolean => v.labels.some((l) => l.category === 'advertising');
const pct = (n: number, d: number): string => `${((100 * n) / Math.max(d, 1)).toFixed(1)}% (${n}/${d})`;
const describe = (v: Verdict): string =>
  v.labels.map((l) => `${l.category}/${l.label ?? ''}:${l.hits.map((h) => h.rule).join('+')}`).join(' ');

function main(): void {
  const args = process.argv.slice(2);
  const show = args.includes('--show');
  const root = repoRoot();
  const dataArg = args.indexOf('--data');
  const file = dataArg >= 0 ? args[dataArg + 1] : path.join(root, 'data/tuning/zh-ads-dev.jsonl');
  const rows: Row[] = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
  const filter = createFilterSync({ classifier: false });

  let tp = 0;
  let fp = 0;
  let hamFlagged = 0;
  const byKind = new Map<string, [number, number]>();
  const spam = rows.filter((r) => r.label === 'spam');
  const ham = rows.filter((r) => r.label === 'ham');
  for (const r of spam) {
    const v = filter.screen({ text: r.text });
    const k = byKind.get(r.kind ?? '') ?? [0, 0];
    k[1]++;
    byKind.set(r.kind ?? '', k);
    if (hasAd(v)) {
      tp++;
      k[0]++;
    } else if (show) console.log(`MISS  ${r.kind ?? ''}  ${r.text}`);
  }
  for (const r of ham) {
    const v = filter.screen({ text: r.text });
    if (hasAd(v)) fp++;
    if (v.labels.length) {
      hamFlagged++;
      if (show) console.log(`FALSE ${r.kind ?? ''}  ${r.text}  → ${describe(v)}`);
    }
  }
  console.log(`${path.relative(root, file)}: ${spam.length} ads, ${ham.length} ordinary`);
  console.log(`  advertising label: recall ${pct(tp, spam.length)}, precision ${pct(tp, tp + fp)}`);
  console.log(`  recall by kind: ${[...byKind].map(([k, [a, b]]) => `${k} ${a}/${b}`).join(', ')}`);
  console.log(`  ordinary with an advertising label ${pct(fp, ham.length)}, with any label ${pct(hamFlagged, ham.length)}`);

  const cold = parseCsv(fs.readFileSync(path.join(datasetsDir(root), 'cold/dev.csv'), 'utf8'));
  const head = cold[0];
  const ti = head.indexOf('TEXT');
  const li = head.indexOf('label');
  const ordinary = cold.slice(1).filter((r) => r.length === head.length && r[li] === '0');
  let coldAd = 0;
  let coldAny = 0;
  for (const r of ordinary) {
    const v = filter.screen({ text: r[ti] });
    if (hasAd(v)) {
      coldAd++;
      if (show) console.log(`COLD  ${r[ti]}  → ${describe(v)}`);
    }
    if (v.labels.length) coldAny++;
  }
  console.log(`COLD dev label 0 (${ordinary.length}): advertising label ${pct(coldAd, ordinary.length)}, any label ${pct(coldAny, ordinary.length)}`);
}

main();
