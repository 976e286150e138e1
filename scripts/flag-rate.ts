/*
 * node dist/scripts/flag-rate.js [--packs DIR] [--top N]
 *
 * How often the rules alone (createFilter({ classifier: false })) flag ordinary text: COLD dev and train
 * label 0, SWSR non-sexist rows, English SMS ham, data/tuning/ordinary-zh.jsonl and
 * data/tuning/lookalike-check-zh.jsonl (written after the packs, never used to choose terms). `--packs DIR` screens with the packs in DIR
 * instead of the shipped ones (e.g. a `git archive` of main's rules/packs, for a before/after figure).
 * Prints per set the share flagged (review or block), the number blocked, and the rules that fired most.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { datasetsDir, readCold, readSms, readSwsr } from './classifier/datasets';
import { createFilterSync } from '../rules/filter';
import { repoRoot } from './classifier/recipe';

export const COLD_DEV = 'COLD dev label 0';

interface TextSet {
  name: string;
  texts: string[];
}

export const LOOKALIKE_CHECK = 'lookalike-check-zh';

export function readJsonl(root: string, name: string): string[] {
  const file = path.join(root, 'data', 'tuning', name);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { text: string }).text);
}

/** The ordinary sets; the shared datasets are skipped (with a note) when ../shared is missing. */
export function ordinarySets(root: string): TextSet[] {
  const sets: TextSet[] = [
    { name: 'ordinary-zh', texts: readJsonl(root, 'ordinary-zh.jsonl') },
    { name: LOOKALIKE_CHECK, texts: readJsonl(root, 'lookalike-check-zh.jsonl') },
  ];
  const dir = datasetsDir(root);
  if (!fs.existsSync(dir)) {
    process.stderr.write(`${dir} not found: only data/tuning/ordinary-zh.jsonl is measured\n`);
    return sets;
  }
  sets.push({
    name: COLD_DEV,
    texts: readCold(dir, 'dev')
      .filter((x) => x.label === 0)
      .map((x) => x.text),
  });
  sets.push({
    name: 'COLD train label 0',
    texts: readCold(dir, 'train')
      .filter((x) => x.label === 0)
      .map((x) => x.text),
  });
  sets.push({
    name: 'SWSR non-sexist',
    texts: readSwsr(dir)
      .filter((x) => x.label === 0)
      .map((x) => x.text),
  });
  sets.push({
    name: 'SMS ham (English)',
    texts: readSms(dir)
      .filter((x) => x.label === 0)
      .map((x) => x.text),
  });
  return sets;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const root = repoRoot();
  const packs = argValue('--packs');
  const top = Number(argValue('--top') ?? 8);
  const filter = createFilterSync(packs ? { classifier: false, shipped: false, rules: [path.resolve(packs)] } : { classifier: false });
  process.stdout.write(`packs: ${packs ?? 'shipped'} (${filter.info.packs.length} files)\n`);
  const sets = ordinarySets(root);
  const dir = datasetsDir(root);
  // For comparison, not a recall figure: COLD's offensive rows are mostly insults, which the classifier handles.
  if (fs.existsSync(dir))
    sets.push({
      name: 'COLD dev label 1 (offensive)',
      texts: readCold(dir, 'dev')
        .filter((x) => x.label === 1)
        .map((x) => x.text),
    });
  for (const set of sets) {
    let flagged = 0;
    let blocked = 0;
    const byRule = new Map<string, number>();
    const examples = new Map<string, string>();
    for (const text of set.texts) {
      const v = filter.screen({ text });
      if (v.suggestion === 'pass') continue;
      flagged++;
      if (v.suggestion === 'block') blocked++;
      for (const l of v.labels)
        for (const h of l.hits) {
          byRule.set(h.rule, (byRule.get(h.rule) ?? 0) + 1);
          if (!examples.has(h.rule)) examples.set(h.rule, h.text);
        }
    }
    const pct = ((100 * flagged) / Math.max(1, set.texts.length)).toFixed(2);
    process.stdout.write(`${set.name}: n=${set.texts.length} flagged ${flagged} (${pct}%) blocked ${blocked}\n`);
    const rules = [...byRule].sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [rule, n] of rules) process.stdout.write(`    ${String(n).padStart(5)}  ${rule}  e.g. ${examples.get(rule)}\n`);
  }
}

if (require.main === module) main();
