/*
 * npm run rules:report
 *
 * What the shipped packs hold: per hand-written pack its rules and terms; per pack generated from the
 * community lexicon (rules/packs/lexicon-*.yaml) how many of the lexicon's terms were kept, kept
 * only with context, or dropped, and why (counts per reason). Reads the committed
 * rules/lexicon/summary.json written by scripts/import-lexicon.ts, so it needs no ../shared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadPacks, shippedPacksDir, type Pack } from '../rules/packs';
import type { Summary } from './import-lexicon';

function termCount(pack: Pack): { terms: number; proximity: number; patterns: number } {
  let terms = 0;
  let proximity = 0;
  let patterns = 0;
  for (const r of pack.rules) {
    if ('terms' in r) terms += r.terms.length;
    else if ('all' in r) proximity++;
    else if ('pattern' in r) patterns++;
  }
  return { terms, proximity, patterns };
}

function reasons(row: Record<string, number>): string[] {
  return Object.entries(row)
    .filter(([k]) => k.startsWith('drop: '))
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `      ${String(n).padStart(6)}  ${k.slice(6)}`);
}

function sum(row: Record<string, number>, prefix: string): number {
  return Object.entries(row).reduce((a, [k, n]) => a + (k.startsWith(prefix) ? n : 0), 0);
}

/** The report's lines: hand-written packs first, then the lexicon per generated pack and per source file. */
export function reportLines(packs: readonly Pack[], summary: Summary): string[] {
  const out: string[] = ['Hand-written packs (rules/packs, sources in each file):'];
  for (const p of packs.filter((x) => !x.name.startsWith('lexicon-'))) {
    const c = termCount(p);
    out.push(
      `  ${p.name.padEnd(28)} ${p.category.padEnd(18)} ${String(p.rules.length).padStart(4)} rules  ${String(c.terms).padStart(5)} terms  ${c.proximity} proximity  ${c.patterns} patterns`,
    );
  }
  out.push('', `Community lexicon: ${summary.source}, licence ${summary.licence}`);
  out.push(`  ${summary.lines} lines, ${summary.distinct} distinct terms, measured on ${summary.ordinaryTexts} ordinary texts`);
  const shipped = new Map(packs.map((p) => [p.name, p]));
  for (const [name, row] of Object.entries(summary.byPack).sort()) {
    const p = shipped.get(name);
    const where = p ? `${p.category}` : 'not shipped';
    out.push(`  ${name} (${where}): kept ${row.keep ?? 0}, context ${row.context ?? 0}, dropped ${sum(row, 'drop: ')}`);
    out.push(...reasons(row));
  }
  out.push('', '  per source file:');
  for (const [file, row] of Object.entries(summary.bySource))
    out.push(`    ${file}: kept ${row.keep ?? 0}, context ${row.context ?? 0}, dropped ${sum(row, 'drop: ')}`);
  out.push('', '  all dropped terms by reason:', ...reasons(summary.byReason));
  return out;
}

export function readSummary(file = path.join(shippedPacksDir(), '..', 'lexicon', 'summary.json')): Summary {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Summary;
}

if (require.main === module) process.stdout.write(reportLines(loadPacks([shippedPacksDir()]), readSummary()).join('\n') + '\n');
