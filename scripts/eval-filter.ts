/*
 * npm run eval:filter [-- --sets DIR] [--cmd PATH/bin/shenhe.js] [--cold FILE | --no-cold] [--verbose] [--json]
 *
 * Measures the automatic filter the way a site would first try it: `node bin/shenhe.js screen` with the
 * shipped defaults, JSON Lines in and out, title and text passed exactly as written. It runs over the
 * held-out proxy sets in data/heldout (written by an evaluation session that never saw the rules or the
 * training data; never train or tune on them) and over COLD dev with its original labels, and prints the
 * table of issue 12 as Markdown (or one JSON document with --json).
 *
 * Definitions, so the figures can be checked by hand:
 *   flagged            suggestion is review or block (anything but pass)
 *   right category     the item's expected category (or one in its alsoAccept) is among the verdict's label categories
 *   SMS advertising    predicted advertising iff some label has category `advertising`
 *   COLD offensive     predicted offensive iff some label has category `fraud_insult` or `ethnic_hatred`;
 *                      compared with the dataset's original label (1 offensive, 0 safe)
 *   ordinary blocked   suggestion is block, over every ordinary item of the sets and COLD dev label 0
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCsv } from './classifier/datasets';

export type Suggestion = 'block' | 'review' | 'pass';

export interface VerdictLabel {
  category: string;
  label?: string;
  score?: number;
  hits?: { rule: string; field: string; text: string }[];
}

export interface Verdict {
  id: string;
  suggestion: Suggestion;
  risk: number;
  labels: VerdictLabel[];
  engine?: { rules?: string; model?: string };
}

/** One held-out item. `label` is `harmful`, `advertising` (SMS) or `ordinary`; COLD rows use `offensive`. */
export interface EvalItem {
  id: string;
  title?: string;
  text: string;
  label: string;
  category?: string;
  /** Other categories that are also a right filing (drugs and weapons under other_illegal, terrorism under national_security). */
  alsoAccept?: string[];
  family?: string;
  /** The item contains an example that issue 12 names as one the filter must get right (reported apart too). */
  echoesIssue?: boolean;
}

export interface EvalSet {
  name: string;
  items: EvalItem[];
}

/** Screened item: the input, its verdict, or the screen's error for that line. */
export interface Screened {
  set: string;
  item: EvalItem;
  verdict?: Verdict;
  error?: string;
}

export const SET_FILES = {
  sms: 'sms-zh',
  harmful: 'obfuscated-harmful',
  lookalike: 'lookalike-ordinary',
  comments: 'ordinary-comments',
} as const;
export const COLD_SET = 'cold-dev';
const COLD_OFFENSIVE_CATEGORIES = new Set(['fraud_insult', 'ethnic_hatred']);

// ---------------------------------------------------------------------------------------------------------
// Metrics: pure functions over screened items, tested on hand-made verdicts.

export interface Ratio {
  n: number;
  of: number;
  /** n / of, or null when `of` is 0 (nothing to measure). */
  rate: number | null;
}

export interface FamilyRow {
  family: string;
  items: number;
  flagged: Ratio;
  rightCategory: Ratio;
}

/** A share per `family`, e.g. advertising SMS caught per kind of advertising. */
export interface FamilyShare {
  family: string;
  share: Ratio;
}

export interface Metrics {
  engine: { rules?: string; model?: string };
  errors: number;
  sms: { adRecall: Ratio; adPrecision: Ratio; ordinaryFlagged: Ratio; adRecallByFamily: FamilyShare[]; ordinaryFlaggedByFamily: FamilyShare[] } | null;
  harmful: { flagged: Ratio; rightCategory: Ratio; families: FamilyRow[]; flaggedNotEchoingIssue: Ratio } | null;
  lookalike: { flagged: Ratio; blocked: number; flaggedByFamily: FamilyShare[]; flaggedNotEchoingIssue: Ratio } | null;
  comments: { flagged: Ratio } | null;
  cold: { nonOffensiveFlagged: Ratio; accuracy: Ratio; offensiveRecall: Ratio; offensivePrecision: Ratio } | null;
  ordinaryBlocked: Ratio;
  /** Sets other than the four known ones: flagged share of their harmful and ordinary items. */
  otherSets: { name: string; harmfulFlagged: Ratio; ordinaryFlagged: Ratio }[];
}

export function ratio(n: number, of: number): Ratio {
  return { n, of, rate: of === 0 ? null : n / of };
}

function count<T>(xs: T[], pred: (x: T) => boolean): number {
  let c = 0;
  for (const x of xs) if (pred(x)) c++;
  return c;
}

export function isFlagged(v: Verdict | undefined): boolean {
  return v !== undefined && v.suggestion !== 'pass';
}

export function hasCategory(v: Verdict | undefined, categories: string | Set<string>): boolean {
  if (!v) return false;
  const want = typeof categories === 'string' ? new Set([categories]) : categories;
  return v.labels.some((l) => want.has(l.category));
}

/** Share of `items` the filter flagged. */
const flaggedShare = (items: Screened[]): Ratio =>
  ratio(
    count(items, (s) => isFlagged(s.verdict)),
    items.length,
  );

const rightCategory = (s: Screened): boolean =>
  s.item.category !== undefined && hasCategory(s.verdict, new Set([s.item.category, ...(s.item.alsoAccept ?? [])]));
const isOrdinary = (s: Screened): boolean => s.item.label === 'ordinary';

function groupBy(items: Screened[], key: (s: Screened) => string): Map<string, Screened[]> {
  const groups = new Map<string, Screened[]>();
  for (const s of items) {
    const k = key(s);
    const group = groups.get(k);
    if (group) group.push(s);
    else groups.set(k, [s]);
  }
  return groups;
}

function familyRows(items: Screened[]): FamilyRow[] {
  return [...groupBy(items, (s) => s.item.family ?? '(none)').entries()].map(([family, xs]) => {
    const flagged = xs.filter((s) => isFlagged(s.verdict));
    return { family, items: xs.length, flagged: ratio(flagged.length, xs.length), rightCategory: ratio(count(flagged, rightCategory), flagged.length) };
  });
}

function shareByFamily(items: Screened[], pred: (s: Screened) => boolean): FamilyShare[] {
  return [...groupBy(items, (s) => s.item.family ?? '(none)').entries()].map(([family, xs]) => ({ family, share: ratio(count(xs, pred), xs.length) }));
}

export function computeMetrics(screened: Screened[]): Metrics {
  const bySet = groupBy(screened, (s) => s.set);
  const take = (name: string): Screened[] | undefined => bySet.get(name);

  const smsItems = take(SET_FILES.sms);
  let sms: Metrics['sms'] = null;
  if (smsItems) {
    const ads = smsItems.filter((s) => s.item.label === 'advertising');
    const ordinary = smsItems.filter(isOrdinary);
    const isPredictedAd = (s: Screened): boolean => hasCategory(s.verdict, 'advertising');
    const predictedAd = smsItems.filter(isPredictedAd);
    const truePositives = count(predictedAd, (s) => s.item.label === 'advertising');
    sms = {
      adRecall: ratio(truePositives, ads.length),
      adPrecision: ratio(truePositives, predictedAd.length),
      ordinaryFlagged: flaggedShare(ordinary),
      adRecallByFamily: shareByFamily(ads, isPredictedAd),
      ordinaryFlaggedByFamily: shareByFamily(ordinary, (s) => isFlagged(s.verdict)),
    };
  }

  const harmfulItems = take(SET_FILES.harmful);
  let harmful: Metrics['harmful'] = null;
  if (harmfulItems) {
    const flagged = harmfulItems.filter((s) => isFlagged(s.verdict));
    harmful = {
      flagged: ratio(flagged.length, harmfulItems.length),
      rightCategory: ratio(count(flagged, rightCategory), flagged.length),
      families: familyRows(harmfulItems),
      flaggedNotEchoingIssue: flaggedShare(harmfulItems.filter((s) => !s.item.echoesIssue)),
    };
  }

  const lookalikeItems = take(SET_FILES.lookalike);
  const lookalike = lookalikeItems
    ? {
        flagged: flaggedShare(lookalikeItems),
        blocked: count(lookalikeItems, (s) => s.verdict?.suggestion === 'block'),
        flaggedByFamily: shareByFamily(lookalikeItems, (s) => isFlagged(s.verdict)),
        flaggedNotEchoingIssue: flaggedShare(lookalikeItems.filter((s) => !s.item.echoesIssue)),
      }
    : null;

  const commentItems = take(SET_FILES.comments);
  const comments = commentItems
    ? {
        flagged: flaggedShare(commentItems),
      }
    : null;

  const coldItems = take(COLD_SET);
  let cold: Metrics['cold'] = null;
  if (coldItems) {
    const safe = coldItems.filter(isOrdinary);
    const predictedOffensive = (s: Screened): boolean => hasCategory(s.verdict, COLD_OFFENSIVE_CATEGORIES);
    const offensive = coldItems.filter((s) => s.item.label === 'offensive');
    const predicted = coldItems.filter(predictedOffensive);
    const truePositives = count(offensive, predictedOffensive);
    cold = {
      nonOffensiveFlagged: flaggedShare(safe),
      accuracy: ratio(truePositives + count(safe, (s) => !predictedOffensive(s)), coldItems.length),
      offensiveRecall: ratio(truePositives, offensive.length),
      offensivePrecision: ratio(truePositives, predicted.length),
    };
  }

  const ordinary = screened.filter(isOrdinary);
  const known = new Set<string>([...Object.values(SET_FILES), COLD_SET]);
  const otherSets = [...bySet.entries()]
    .filter(([name]) => !known.has(name))
    .map(([name, xs]) => {
      const bad = xs.filter((s) => !isOrdinary(s));
      const good = xs.filter(isOrdinary);
      return {
        name,
        harmfulFlagged: flaggedShare(bad),
        ordinaryFlagged: flaggedShare(good),
      };
    });

  return {
    engine: screened.find((s) => s.verdict?.engine)?.verdict?.engine ?? {},
    errors: count(screened, (s) => s.error !== undefined),
    sms,
    harmful,
    lookalike,
    comments,
    cold,
    ordinaryBlocked: ratio(
      count(ordinary, (s) => s.verdict?.suggestion === 'block'),
      ordinary.length,
    ),
    otherSets,
  };
}

export interface Misses {
  /** Harmful or advertising items the measure missed: passed before mis-filed, lowest risk first. */
  missed: Screened[];
  /** Ordinary items the filter flagged: blocked before reviewed, highest risk first. */
  falseAlarms: Screened[];
}

/** The first `limit` items of a set that each measure got wrong, worst first. */
export function worstMisses(screened: Screened[], set: string, limit = 10): Misses {
  const xs = screened.filter((s) => s.set === set);
  // 0 = right; larger = worse. Risk breaks ties so the most confident mistakes come first.
  const missSeverity = (s: Screened): number => {
    const v = s.verdict;
    if (!v) return 3;
    if (set === SET_FILES.sms) return hasCategory(v, 'advertising') ? 0 : 2 - v.risk;
    if (set === COLD_SET) return hasCategory(v, COLD_OFFENSIVE_CATEGORIES) ? 0 : 2 - v.risk;
    if (!isFlagged(v)) return 3 - v.risk;
    return rightCategory(s) ? 0 : 1;
  };
  const alarmSeverity = (s: Screened): number => {
    const v = s.verdict;
    if (!v) return 3;
    return v.suggestion === 'block' ? 2 + v.risk : v.suggestion === 'review' ? 1 + v.risk : 0;
  };
  const worst = (items: Screened[], severity: (s: Screened) => number): Screened[] =>
    items
      .map((s) => ({ s, k: severity(s) }))
      .filter((x) => x.k > 0)
      .sort((a, b) => b.k - a.k)
      .slice(0, limit)
      .map((x) => x.s);
  return {
    missed: worst(
      xs.filter((s) => !isOrdinary(s)),
      missSeverity,
    ),
    falseAlarms: worst(xs.filter(isOrdinary), alarmSeverity),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

export function pct(r: Ratio, digits = 1): string {
  return r.rate === null ? 'n/a' : `${(r.rate * 100).toFixed(digits)}%`;
}

const frac = (r: Ratio): string => `${r.n}/${r.of}`;
const absent = (what: string): string => `n/a (${what} absent)`;

export function renderMarkdown(m: Metrics): string {
  const rows: [string, string, string][] = [];
  rows.push([
    'Chinese SMS advertising caught (advertising label): recall / precision',
    m.sms ? `${pct(m.sms.adRecall)} / ${pct(m.sms.adPrecision)} (${frac(m.sms.adRecall)}; ${frac(m.sms.adPrecision)})` : absent('sms-zh'),
    '≥ 50% / ≥ 90%',
  ]);
  rows.push([
    'obfuscated harmful posts in ten families flagged (review or block)',
    m.harmful ? `${pct(m.harmful.flagged)} (${frac(m.harmful.flagged)})` : absent('obfuscated-harmful'),
    '≥ 95%',
  ]);
  rows.push([
    '… of those, under the right category',
    m.harmful ? `${pct(m.harmful.rightCategory)} (${frac(m.harmful.rightCategory)})` : absent('obfuscated-harmful'),
    '≥ 90%',
  ]);
  rows.push([
    'ordinary posts that merely look alike, flagged (blocked)',
    m.lookalike ? `${pct(m.lookalike.flagged)} (${frac(m.lookalike.flagged)}; ${m.lookalike.blocked} blocked)` : absent('lookalike-ordinary'),
    '≤ 5%, none blocked',
  ]);
  const cell = (r: Ratio | undefined, what: string): string => (r ? `${pct(r)} (${frac(r)})` : absent(what));
  rows.push([
    'ordinary flagged: COLD dev non-offensive / ordinary comments / ordinary SMS',
    [cell(m.cold?.nonOffensiveFlagged, 'COLD dev'), cell(m.comments?.flagged, 'ordinary-comments'), cell(m.sms?.ordinaryFlagged, 'sms-zh')].join(' / '),
    '≤ 10% / ≤ 10% / ≤ 3%',
  ]);
  rows.push([
    'ordinary posts blocked (all ordinary items of the sets + COLD dev label 0)',
    `${m.ordinaryBlocked.n} of ${m.ordinaryBlocked.of} (${pct(m.ordinaryBlocked, 2)})`,
    '≤ 0.1%',
  ]);
  rows.push([
    'COLD dev accuracy (offensive iff a fraud_insult or ethnic_hatred label); anti-bias flagged',
    m.cold
      ? `${m.cold.accuracy.rate === null ? 'n/a' : m.cold.accuracy.rate.toFixed(3)} (offensive recall ${pct(m.cold.offensiveRecall)}, precision ${pct(m.cold.offensivePrecision)}); anti-bias n/a (COLD dev does not mark it)`
      : absent('COLD dev'),
    '≥ 0.85; ≤ 25%',
  ]);
  const out: string[] = [];
  out.push('| measure (held-out proxies; `shenhe screen`, shipped defaults) | measured | goal |', '| --- | ---: | ---: |');
  for (const [a, b, c] of rows) out.push(`| ${a} | ${b} | ${c} |`);
  if (m.harmful) {
    out.push('', '| harmful family | items | flagged | of those, right category |', '| --- | ---: | ---: | ---: |');
    for (const f of m.harmful.families)
      out.push(`| ${f.family} | ${f.items} | ${pct(f.flagged)} (${frac(f.flagged)}) | ${pct(f.rightCategory)} (${frac(f.rightCategory)}) |`);
  }
  if (m.harmful || m.lookalike) {
    const parts = [
      m.harmful && `harmful flagged ${pct(m.harmful.flaggedNotEchoingIssue)} (${frac(m.harmful.flaggedNotEchoingIssue)})`,
      m.lookalike && `look-alikes flagged ${pct(m.lookalike.flaggedNotEchoingIssue)} (${frac(m.lookalike.flaggedNotEchoingIssue)})`,
    ].filter(Boolean);
    out.push('', `Without the items that echo examples named in issue 12 (\`echoesIssue\`): ${parts.join('; ')}`);
  }
  const byFamily = (what: string, xs: FamilyShare[] | undefined): void => {
    if (xs?.length) out.push('', `${what}: ${xs.map((f) => `${f.family} ${frac(f.share)}`).join(', ')}`);
  };
  byFamily('SMS advertising caught, by family', m.sms?.adRecallByFamily);
  byFamily('Ordinary SMS flagged, by family', m.sms?.ordinaryFlaggedByFamily);
  byFamily('Look-alikes flagged, by family', m.lookalike?.flaggedByFamily);
  if (m.otherSets.length > 0) {
    out.push('', '| other set | harmful flagged | ordinary flagged |', '| --- | ---: | ---: |');
    for (const o of m.otherSets)
      out.push(`| ${o.name} | ${pct(o.harmfulFlagged)} (${frac(o.harmfulFlagged)}) | ${pct(o.ordinaryFlagged)} (${frac(o.ordinaryFlagged)}) |`);
  }
  return out.join('\n');
}

export function summariseVerdict(v: Verdict | undefined, error?: string): string {
  if (!v) return `error: ${error ?? 'no verdict'}`;
  const labels = v.labels.map((l) => {
    const rules = [...new Set((l.hits ?? []).map((h) => h.rule))].slice(0, 3);
    return `${l.category}${l.label ? `/${l.label}` : ''}${rules.length ? `[${rules.join(',')}]` : ''}`;
  });
  return `${v.suggestion} ${v.risk.toFixed(2)}${labels.length ? ' ' + labels.join(' ') : ''}`;
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ');
  const chars = [...flat];
  return chars.length > max ? chars.slice(0, max).join('') + '…' : flat;
}

export function renderMisses(screened: Screened[], sets: string[], limit = 10): string {
  const out: string[] = [];
  for (const set of sets) {
    const { missed, falseAlarms } = worstMisses(screened, set, limit);
    for (const [what, misses] of [
      ['missed', missed],
      ['false alarms', falseAlarms],
    ] as const) {
      if (misses.length === 0) continue;
      out.push('', `### ${set}: worst ${what} (first ${misses.length})`);
      for (const s of misses) out.push(missLine(s));
    }
  }
  return out.join('\n');
}

function missLine(s: Screened): string {
  const want = s.item.label === 'ordinary' ? 'ordinary' : `${s.item.label}${s.item.category ? ':' + s.item.category : ''}`;
  const title = s.item.title ? `[${oneLine(s.item.title, 20)}] ` : '';
  return `- ${s.item.id} (want ${want}${s.item.family ? `, ${s.item.family}` : ''}) → ${summariseVerdict(s.verdict, s.error)} — ${title}${oneLine(s.item.text, 70)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Input: held-out JSON Lines and COLD dev CSV

const HELDOUT_LABELS = new Set(['harmful', 'advertising', 'ordinary']);

export function readJsonlSet(file: string): EvalSet {
  const name = path.basename(file, '.jsonl');
  const items: EvalItem[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const o = JSON.parse(line) as Partial<EvalItem>;
      if (typeof o.id !== 'string' || typeof o.text !== 'string' || typeof o.label !== 'string' || !HELDOUT_LABELS.has(o.label)) {
        throw new Error(`${file}:${i + 1}: each line needs string id, text and label (harmful | advertising | ordinary)`);
      }
      items.push({
        id: o.id,
        title: o.title,
        text: o.text,
        label: o.label,
        category: o.category,
        alsoAccept: o.alsoAccept,
        family: o.family,
        echoesIssue: o.echoesIssue === true,
      });
    });
  return { name, items };
}

export { parseCsv };

/** COLD dev: columns (index), split, topic, label (0 safe, 1 offensive), TEXT. */
export function readColdDev(file: string): EvalSet {
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  const col = (name: string): number => {
    const i = header.findIndex((h) => h.trim().toLowerCase() === name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const [label, text, topic] = [col('label'), col('text'), col('topic')];
  const items = rows
    .filter((r) => r.length > text && (r[label] === '0' || r[label] === '1'))
    .map((r, i) => ({ id: `cold-dev-${r[0] || i}`, text: r[text], label: r[label] === '1' ? 'offensive' : 'ordinary', family: r[topic] }));
  return { name: COLD_SET, items };
}

// ---------------------------------------------------------------------------------------------------------
// Running the filter exactly as a site would: the CLI, JSON Lines in and out.

export async function screenWithCli(cmd: string, sets: EvalSet[], extraArgs: string[] = []): Promise<Screened[]> {
  const inputs: Screened[] = sets.flatMap((set) => set.items.map((item) => ({ set: set.name, item })));
  const lines = inputs.map((s, i) => JSON.stringify({ id: String(i), ...(s.item.title !== undefined ? { title: s.item.title } : {}), text: s.item.text }));
  const child = spawn(process.execPath, [cmd, 'screen', ...extraArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => stdout.push(b));
  child.stderr.on('data', (b: Buffer) => stderr.push(b));
  child.stdin.end(lines.join('\n') + '\n');
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const outLines = Buffer.concat(stdout).toString('utf8').split('\n').filter(Boolean);
  // Exit 1 with per-line errors is a normal answer; anything else without output is a broken run.
  if (outLines.length !== inputs.length) {
    throw new Error(`${cmd} screen exited ${code} with ${outLines.length} of ${inputs.length} lines:\n${Buffer.concat(stderr).toString('utf8').slice(-2000)}`);
  }
  for (const line of outLines) {
    const o = JSON.parse(line) as Verdict & { error?: { message?: string } };
    const s = inputs[Number(o.id)];
    if (!s) throw new Error(`unexpected verdict id ${o.id}`);
    if (o.error) s.error = o.error.message ?? 'error';
    else s.verdict = { ...o, id: s.item.id };
  }
  return inputs;
}

// ---------------------------------------------------------------------------------------------------------

export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

interface Options {
  sets: string;
  cmd: string;
  cold: string | null;
  rules: string[];
  json: boolean;
  verbose: boolean;
}

const USAGE = `usage: npm run eval:filter -- [options]
  --sets DIR     held-out JSON Lines sets (default data/heldout)
  --cmd FILE     the shenhe CLI to measure: a bin/shenhe.js or a checkout folder (default this checkout's;
                 the other checkout must be built)
  --cold FILE    COLD dev CSV (default ../shared/datasets/cold/dev.csv; skipped with a note when absent)
  --no-cold      leave COLD dev out
  --rules DIR    extra packs passed to screen (experiments only: the headline figures use shipped defaults)
  --verbose      also print the first 10 worst misses of each set with the verdict summary
  --json         one JSON document instead of Markdown`;

class UsageError extends Error {}

export function parseArgs(argv: string[], root: string): Options {
  const o: Options = {
    sets: path.join(root, 'data', 'heldout'),
    cmd: path.join(root, 'bin', 'shenhe.js'),
    cold: path.join(root, '..', 'shared', 'datasets', 'cold', 'dev.csv'),
    rules: [],
    json: false,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return path.resolve(v);
    };
    if (a === '--sets') o.sets = value();
    else if (a === '--cmd') {
      const cmd = value();
      // A checkout's folder is as good as its bin/shenhe.js.
      o.cmd = fs.existsSync(cmd) && fs.statSync(cmd).isDirectory() ? path.join(cmd, 'bin', 'shenhe.js') : cmd;
    } else if (a === '--cold') o.cold = value();
    else if (a === '--no-cold') o.cold = null;
    else if (a === '--rules') o.rules.push(value());
    else if (a === '--json') o.json = true;
    else if (a === '--verbose') o.verbose = true;
    else throw new UsageError(`unknown option ${a}`);
  }
  return o;
}

export async function run(argv: string[], root = repoRoot()): Promise<string> {
  const o = parseArgs(argv, root);
  const notes: string[] = [];
  if (!fs.existsSync(o.sets)) throw new Error(`no held-out sets at ${o.sets}`);
  const sets = fs
    .readdirSync(o.sets)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => readJsonlSet(path.join(o.sets, f)));
  if (o.cold && fs.existsSync(o.cold)) sets.push(readColdDev(o.cold));
  else if (o.cold) notes.push(`COLD dev skipped: ${o.cold} not found (a fresh clone has no ../shared).`);
  const screened = await screenWithCli(
    o.cmd,
    sets,
    o.rules.flatMap((r) => ['--rules', r]),
  );
  const m = computeMetrics(screened);
  const setNames = sets.map((s) => s.name);
  if (o.json) {
    const misses = o.verbose
      ? Object.fromEntries(
          setNames.map((n) => {
            const { missed, falseAlarms } = worstMisses(screened, n);
            const brief = (s: Screened) => ({ id: s.item.id, want: s.item.label, category: s.item.category, verdict: s.verdict ?? null, error: s.error });
            return [n, { missed: missed.map(brief), falseAlarms: falseAlarms.map(brief) }];
          }),
        )
      : undefined;
    return JSON.stringify({ cmd: o.cmd, rules: o.rules, sets: sets.map((s) => ({ name: s.name, items: s.items.length })), notes, metrics: m, misses }, null, 2);
  }
  const out: string[] = [];
  out.push(
    `Filter: \`node ${path.relative(process.cwd(), o.cmd) || o.cmd} screen\`${o.rules.length ? ` --rules ${o.rules.join(' --rules ')} (NOT shipped defaults)` : ' (shipped defaults)'}, rules ${m.engine.rules ?? '?'}, model ${m.engine.model ?? '?'}`,
    `Sets: ${sets.map((s) => `${s.name} ${s.items.length}`).join(', ')}${m.errors ? `; ${m.errors} lines refused by screen` : ''}`,
    ...notes,
    '',
    renderMarkdown(m),
  );
  if (o.verbose) out.push(renderMisses(screened, setNames));
  return out.join('\n');
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  run(argv).then(
    (text) => process.stdout.write(text + '\n'),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
      if (e instanceof UsageError) process.stderr.write(USAGE + '\n');
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
