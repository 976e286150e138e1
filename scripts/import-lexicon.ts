/*
 * npm run rules:import-lexicon [-- --lexicon DIR]
 *
 * Turns the community lexicon (../shared/lexicons/sensitive-lexicon, MIT) into curated packs
 * rules/packs/lexicon-<group>.yaml. Every distinct term gets one decision:
 *
 *   keep     — a plain term of its group's pack;
 *   context  — only next to one of its group's context cues (all + window proximity rules);
 *   drop     — left out, with a reason.
 *
 * What decides, in order: rules/lexicon/decisions.jsonl (by hand, wins over everything), the source
 * file's policy (rules/lexicon/sources.json), shape (length, digits, syntax), the group cue
 * (rules/lexicon/groups.json), the hand-written packs (a duplicate or a term containing one adds
 * nothing), jieba's dictionary (a common word, or a short term inside common words, fires on
 * ordinary text) and the measured rate on ordinary text: COLD train label 0, SWSR non-sexist rows,
 * English SMS ham and data/tuning/ordinary-zh.jsonl, screened with one rule per candidate term.
 * COLD dev and data/tuning/lookalike-check-zh.jsonl are not used here: they are the untuned figures
 * of scripts/flag-rate.ts.
 *
 * Writes the packs, rules/lexicon/summary.json (counts per pack, source and reason, read by
 * `npm run rules:report`) and rules/lexicon/report.tsv.gz (one line per term).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { createFilterSync } from '../rules/filter';
import { normaliseText } from '../rules/normalise';
import { loadPacks, shippedPacksDir } from '../rules/packs';
import { COLD_DEV, LOOKALIKE_CHECK, ordinarySets } from './flag-rate';
import { repoRoot } from './classifier/recipe';

interface Group {
  name: string;
  category: string;
  label: string;
  cue: string;
  context?: string[];
  require?: string;
}
interface Source {
  file: string;
  default?: string;
  drop?: string;
  /** Groups this file may not contribute to: group → reason. */
  exclude?: Record<string, string>;
}
interface Decision {
  term: string;
  decision: 'keep' | 'context' | 'drop';
  reason: string;
  group?: string;
}
export interface TermRow {
  term: string;
  folded: string;
  files: string[];
  group: string;
  decision: 'keep' | 'context' | 'drop';
  reason: string;
  hits: number;
  jieba: number;
  /** e.g. the common word a short term sits inside. */
  note?: string;
}
export interface Summary {
  source: string;
  licence: string;
  ordinaryTexts: number;
  lines: number;
  distinct: number;
  byPack: Record<string, Record<string, number>>;
  bySource: Record<string, Record<string, number>>;
  byReason: Record<string, number>;
}

/** Thresholds, chosen on the ordinary sets (see rules/README.md, "Lexicons and provenance"). */
const COMMON_WORD = 50; // jieba frequency at which a term is an everyday word
const INSIDE_WORDS = 50; // summed jieba frequency of longer words containing a short term
const FRAGMENT_WORD = 200; // jieba frequency of the everyday word in a cut-off fragment
const MAX_LENGTH = 12; // folded characters: longer lines of the lists are sentence fragments
const MAX_LENGTH_MIXED = 8; // the mixed lists hold many political sentences that merely mention a gun or a drug
const CONTEXT_WINDOW = 20;
const WEIGHT = 0.5;

const LEXICON_COMMIT = '5a8da94c61c160e203a6b2fcfafbea642404d50c';

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function readDecisions(file: string): Map<string, Decision> {
  const out = new Map<string, Decision>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as Decision;
    out.set(normaliseText(d.term), d);
  }
  return out;
}

/** jieba's dictionary: word → frequency. */
function jiebaDict(root: string): Map<string, number> {
  const file = path.join(root, 'node_modules', '@node-rs', 'jieba', 'dict.txt');
  const dict = new Map<string, number>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [w, f] = line.split(' ');
    if (!w) continue;
    const k = normaliseText(w);
    dict.set(k, (dict.get(k) ?? 0) + Number(f));
  }
  return dict;
}

/** Summed frequency of the longer dictionary words that contain each 2–3 character term (not as the whole word). */
function insideWords(dict: Map<string, number>, terms: Set<string>): Map<string, { freq: number; example: string }> {
  const out = new Map<string, { freq: number; example: string }>();
  for (const [w, f] of dict) {
    if (w.length < 3) continue;
    for (let n = 2; n <= 3; n++)
      for (let i = 0; i + n <= w.length; i++) {
        const s = w.slice(i, i + n);
        if (s === w || !terms.has(s)) continue;
        const cur = out.get(s) ?? { freq: 0, example: w };
        cur.freq += f;
        if (f > (dict.get(cur.example) ?? 0)) cur.example = w;
        out.set(s, cur);
      }
  }
  return out;
}

const CJK = /[\u3400-\u9fff]/;
const ONLY_LATIN = /^[a-z0-9 .\-_']+$/;

/** Why a term's shape rules it out, or null. */
function shapeReason(term: string, folded: string): string | null {
  if (!folded) return 'not Chinese or garbage (nothing left after folding)';
  if (/[+＋|]/.test(term)) return 'conjunction or alternation syntax (a+b, a|b) of the source list, not imported';
  if (/^[\d.:\- ]+$/.test(folded)) return 'not Chinese or garbage (numbers, phone numbers, IP addresses)';
  if (/[a-z0-9-]+\.(?:com|cn|net|org|info|us|cc|la)\b/i.test(term)) return 'not Chinese or garbage (a domain)';
  if (folded.length > MAX_LENGTH) return 'too long (a sentence, not a term)';
  const cjk = [...folded].filter((c) => CJK.test(c)).length;
  if (cjk === 0 && !ONLY_LATIN.test(folded)) return 'not Chinese or garbage (symbols)';
  if (/[{}=<>?？“”《》：]/.test(term)) return 'not Chinese or garbage (markup, quotes or regex syntax in the line)';
  if (cjk === 0 && folded.replace(/[^a-z]/g, '').length <= 3) return 'too short or ambiguous (Latin, three letters or fewer)';
  if (cjk === 1 && folded.length === 1) return 'too short or ambiguous (one character)';
  return null;
}

function count(map: Record<string, Record<string, number>>, key: string, reason: string): void {
  const row = (map[key] ??= {});
  row[reason] = (row[reason] ?? 0) + 1;
}

/**
 * The folded terms of the hand-written packs (every pack not generated from the lexicon), and the
 * terms their proximity rules put in context (吗啡 of all: [吗啡, 出售]).
 */
function handTerms(): { terms: Map<string, string>; contextual: Set<string> } {
  const terms = new Map<string, string>();
  const contextual = new Set<string>();
  for (const pack of loadPacks([shippedPacksDir()])) {
    if (pack.name.startsWith('lexicon-')) continue;
    for (const rule of pack.rules) {
      // A term that counts only next to a cue or on a word boundary covers nothing longer: 炸弹 with
      // how-to context must not drop 手把手教你做炸弹, which needs no context of its own.
      if (rule.kind === 'terms') {
        const conditional = rule.context.length > 0 || rule.boundary;
        for (const t of rule.terms) {
          if (conditional) contextual.add(normaliseText(t));
          else terms.set(normaliseText(t), rule.id);
        }
      }
      if ('all' in rule) contextual.add(normaliseText(rule.all[0]));
    }
  }
  return { terms, contextual };
}

function containsAny(folded: string, set: Map<string, string> | Set<string>, minLen: number): string | null {
  for (let i = 0; i < folded.length; i++)
    for (let j = i + minLen; j <= folded.length; j++) {
      if (i === 0 && j === folded.length) continue;
      const s = folded.slice(i, j);
      if (set.has(s)) return s;
    }
  return null;
}

/** Candidates screened over the ordinary sets: texts hit per term. */
function measure(terms: string[], texts: string[]): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shenhe-lexicon-'));
  const rules = terms.map((t, i) => `  - id: t${i}\n    terms: [${JSON.stringify(t)}]`).join('\n');
  fs.writeFileSync(path.join(dir, 'candidates.yaml'), `category: other_illegal\nrules:\n${rules}\n`);
  const filter = createFilterSync({ classifier: false, shipped: false, rules: [dir] });
  const hits = new Array<number>(terms.length).fill(0);
  for (const text of texts) {
    const v = filter.screen({ text });
    for (const l of v.labels) for (const id of new Set(l.hits.map((h) => h.rule))) hits[Number(id.slice(1))]++;
  }
  fs.rmSync(dir, { recursive: true });
  return hits;
}

function yamlTerm(t: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} ._·-]*$/u.test(t) && !/^(?:yes|no|true|false|null|on|off|y|n)$/i.test(t) ? t : JSON.stringify(t);
}

function flowList(items: string[], indent: string): string {
  const lines: string[] = [];
  let cur = '';
  for (const it of items.map(yamlTerm)) {
    if (cur && cur.length + it.length > 110) {
      lines.push(cur + ',');
      cur = '';
    }
    cur = cur ? `${cur}, ${it}` : it;
  }
  if (cur) lines.push(cur);
  return `[${lines.join(`\n${indent}`)}]`;
}

function packYaml(g: Group, rows: TermRow[]): string {
  const kept = rows.filter((r) => r.decision === 'keep').map((r) => r.term);
  const latin = kept.filter((t) => !CJK.test(t));
  const cjk = kept.filter((t) => CJK.test(t));
  const ctx = rows.filter((r) => r.decision === 'context').map((r) => r.term);
  const out = [
    `# Generated by scripts/import-lexicon.ts from the community lexicon konsheng/Sensitive-lexicon`,
    `# @ ${LEXICON_COMMIT} (MIT, copyright Konsheng: rules/packs/LICENSE.sensitive-lexicon).`,
    `# Curated: ${kept.length} terms kept, ${ctx.length} only with context; the decisions and reasons are in`,
    `# rules/lexicon (npm run rules:report). Do not edit by hand: change rules/lexicon/decisions.jsonl and re-run.`,
    `category: ${g.category}`,
    `version: '2026.1'`,
    `source: konsheng/Sensitive-lexicon @ ${LEXICON_COMMIT.slice(0, 12)} (MIT), curated`,
    `rules:`,
  ];
  if (cjk.length) out.push(`  - id: lex.${g.name}.terms`, `    label: ${g.label}`, `    weight: ${WEIGHT}`, `    terms: ${flowList(cjk, '      ')}`);
  if (latin.length)
    out.push(`  - id: lex.${g.name}.latin`, `    label: ${g.label}`, `    weight: ${WEIGHT}`, `    word: true`, `    terms: ${flowList(latin, '      ')}`);
  ctx.forEach((t, i) =>
    (g.context ?? []).forEach((c, j) =>
      out.push(`  - { id: lex.${g.name}.ctx.${i}.${j}, label: ${g.label}, weight: ${WEIGHT}, all: [${yamlTerm(t)}, ${c}], window: ${CONTEXT_WINDOW} }`),
    ),
  );
  if (out[out.length - 1] === 'rules:') return '';
  return out.join('\n') + '\n';
}

function main(): void {
  const root = repoRoot();
  const lexArg = process.argv.indexOf('--lexicon');
  const lexDir = lexArg >= 0 ? path.resolve(process.argv[lexArg + 1]) : path.resolve(root, '..', 'shared', 'lexicons', 'sensitive-lexicon');
  const cfgDir = path.join(root, 'rules', 'lexicon');
  const { groups } = readJson<{ groups: Group[] }>(path.join(cfgDir, 'groups.json'));
  const { sources } = readJson<{ sources: Source[] }>(path.join(cfgDir, 'sources.json'));
  const decisions = readDecisions(path.join(cfgDir, 'decisions.jsonl'));
  const cues = groups.map((g) => ({ g, re: new RegExp(g.cue, 'u') }));
  const byName = new Map(groups.map((g) => [g.name, g]));
  const hand = handTerms();
  const dict = jiebaDict(root);

  // One row per distinct folded term, in file order; the first file listing it is its source.
  const rows = new Map<string, TermRow>();
  let lines = 0;
  for (const src of sources) {
    for (const raw of fs.readFileSync(path.join(lexDir, src.file), 'utf8').split(/\r?\n/)) {
      const term = raw.trim().replace(/\*+$/, '');
      if (!term) continue;
      lines++;
      const folded = normaliseText(term);
      const seen = rows.get(folded);
      if (seen) {
        if (!seen.files.includes(src.file)) seen.files.push(src.file);
        continue;
      }
      const row: TermRow = { term, folded, files: [src.file], group: '', decision: 'drop', reason: '', hits: 0, jieba: dict.get(folded) ?? 0 };
      rows.set(folded, row);
      const manual = decisions.get(folded);
      const cue = cues.find((c) => c.re.test(folded))?.g.name;
      row.group = src.drop ? '' : (manual?.group ?? cue ?? src.default ?? '');
      if (src.drop) row.reason = src.drop;
      else row.reason = shapeReason(term, folded) ?? '';
      if (!row.reason && !row.group) row.reason = 'no category cue (mixed list, not reviewed)';
      if (!row.reason && src.exclude?.[row.group]) row.reason = src.exclude[row.group];
      if (!row.reason && !src.default && folded.length > MAX_LENGTH_MIXED) row.reason = 'too long for a mixed list (a sentence fragment)';
      const need = byName.get(row.group)?.require;
      if (!row.reason && need && !new RegExp(need, 'u').test(folded)) row.reason = 'no trade or making word (weapons, drugs)';
      if (!row.reason && hand.terms.has(folded)) row.reason = 'duplicate of a shipped term';
      if (!row.reason && hand.contextual.has(folded)) row.reason = 'duplicate of a shipped context rule';
      if (!row.reason) {
        const inside = containsAny(folded, hand.terms, 2);
        if (inside) row.reason = 'covered by a shipped term';
      }
      if (!row.reason && row.jieba >= COMMON_WORD) row.reason = `common word (jieba frequency ≥ ${COMMON_WORD})`;
      if (manual) {
        row.decision = manual.decision;
        row.reason = `by hand: ${manual.reason}`;
      }
    }
  }

  // Short terms that sit inside everyday words (色图 in 彩色图片).
  const open = [...rows.values()].filter((r) => !r.reason);
  const short = new Set(open.filter((r) => r.folded.length <= 3 && CJK.test(r.folded)).map((r) => r.folded));
  const inside = insideWords(dict, short);
  for (const r of open) {
    const hit = inside.get(r.folded);
    if (hit && hit.freq >= INSIDE_WORDS) {
      r.reason = 'inside common words (jieba dictionary)';
      r.note = hit.example;
    }
  }

  // Three characters made of an everyday word and one more character are usually cut-off fragments
  // of longer phrases (成人电 of 成人电影 fires in 成人电大, 成人文 in 成人文凭).
  for (const r of open) {
    if (r.reason || r.folded.length !== 3 || !/^[\u3400-\u9fff]{3}$/.test(r.folded) || dict.has(r.folded)) continue;
    const word = [r.folded.slice(0, 2), r.folded.slice(1)].find((w) => (dict.get(w) ?? 0) >= FRAGMENT_WORD);
    if (word) {
      r.reason = 'an everyday word plus one character (a cut-off fragment)';
      r.note = word;
    }
  }

  // Measure what is left (and the terms decided by hand, for the report) on ordinary text.
  // COLD dev and the look-alike check set are left out, so their flag rates (scripts/flag-rate.ts)
  // stay figures nobody tuned on.
  const texts = ordinarySets(root)
    .filter((s) => s.name !== COLD_DEV && s.name !== LOOKALIKE_CHECK)
    .flatMap((s) => s.texts);
  const candidates = [...rows.values()].filter((r) => !r.reason || r.reason.startsWith('by hand'));
  const hits = measure(
    candidates.map((r) => r.folded),
    texts,
  );
  candidates.forEach((r, i) => (r.hits = hits[i]));
  for (const r of candidates) {
    if (r.reason) continue;
    const g = byName.get(r.group);
    const hasContext = (g?.context ?? []).length > 0;
    const twoChars = r.folded.length === 2 && CJK.test(r.folded);
    if (r.hits >= 2) r.reason = 'too common on ordinary text (2 or more hits)';
    else if (r.hits === 1 || twoChars || r.jieba > 0) {
      if (hasContext) {
        r.decision = 'context';
        r.reason = r.hits ? 'one hit on ordinary text: trade context required' : 'short or a dictionary word: trade context required';
      } else r.reason = r.hits ? 'one hit on ordinary text' : twoChars ? 'too short or ambiguous (two characters)' : 'a dictionary word';
    } else {
      r.decision = 'keep';
      r.reason = 'no hit on ordinary text';
    }
  }

  // A kept term that contains another kept term of the same group adds nothing.
  const keptByGroup = new Map<string, Set<string>>();
  for (const r of rows.values()) if (r.decision === 'keep') (keptByGroup.get(r.group) ?? keptByGroup.set(r.group, new Set()).get(r.group)!).add(r.folded);
  for (const r of rows.values()) {
    if (r.decision === 'drop') continue;
    const set = keptByGroup.get(r.group);
    if (set && containsAny(r.folded, set, 2)) {
      r.decision = 'drop';
      r.reason = 'covered by a kept term';
    }
  }

  // Write the packs, the summary and the per-term report.
  const packsDir = path.join(root, 'rules', 'packs');
  for (const f of fs.readdirSync(packsDir)) if (f.startsWith('lexicon-') && f.endsWith('.yaml')) fs.rmSync(path.join(packsDir, f));
  for (const g of groups) {
    const yaml = packYaml(
      g,
      [...rows.values()].filter((r) => r.group === g.name),
    );
    if (yaml) fs.writeFileSync(path.join(packsDir, `lexicon-${g.name}.yaml`), yaml);
  }
  const summary: Summary = {
    source: `konsheng/Sensitive-lexicon @ ${LEXICON_COMMIT}`,
    licence: 'MIT (rules/packs/LICENSE.sensitive-lexicon)',
    ordinaryTexts: texts.length,
    lines,
    distinct: rows.size,
    byPack: {},
    bySource: {},
    byReason: {},
  };
  for (const r of rows.values()) {
    const key = r.decision === 'drop' ? `drop: ${r.reason}` : r.decision;
    count(summary.byPack, r.group ? `lexicon-${r.group}` : '(no category)', key);
    count(summary.bySource, r.files[0], key);
    summary.byReason[key] = (summary.byReason[key] ?? 0) + 1;
  }
  fs.writeFileSync(path.join(cfgDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  const tsv = [
    'term\tfiles\tgroup\tdecision\treason\thits\tjieba\tnote',
    ...[...rows.values()].map((r) => [r.term, r.files.join(','), r.group, r.decision, r.reason, r.hits, r.jieba, r.note ?? ''].join('\t')),
  ];
  fs.writeFileSync(path.join(cfgDir, 'report.tsv.gz'), zlib.gzipSync(tsv.join('\n') + '\n', { level: 9 }));
  process.stdout.write(`${lines} lines, ${rows.size} distinct terms, ${texts.length} ordinary texts; ${JSON.stringify(summary.byReason, null, 1)}\n`);
}

if (require.main === module) main();
