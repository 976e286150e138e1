// Rule packs: finding, parsing and validating the YAML files (CONTRACT §7 plus our extensions).
// Validation is strict about the fields it knows, so an operator's typo fails loudly with the file,
// the rule id and the reason, instead of silently matching nothing.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { isCategory, type Category } from './categories';
import { normaliseText } from './normalise';
import { compileLinear } from './linear';
import { regexProbeFails, regexProblem } from './regex';
import { VALIDATORS } from './validators';

export type RuleAction = 'block' | 'review';

interface RuleBase {
  id: string;
  category: Category;
  label?: string;
  action: RuleAction;
  weight: number;
  /**
   * `shadow`: matched in the same scan as live rules but reported only in the verdict's `shadowHits`, changing
   * nothing else (CONTRACT §13), so a rule can be watched on live traffic before it counts. Default `live`.
   */
  mode: 'live' | 'shadow';
  /** File the rule came from. */
  file: string;
}

/**
 * Checks made after the scan on each hit of a terms or pattern rule (HitChecks): they cost
 * nothing until such a rule hits.
 */
export interface HitConditions {
  /** `boundary: word`: the hit must start and end on a jieba word boundary (色图 not in 蓝色图片). */
  boundary: boolean;
  /** `context`: the hit counts only with one of these within contextWindow characters. */
  context: string[];
  /** `except`: the hit does not count with one of these within contextWindow characters (百家乐超市). */
  except: string[];
  /** Characters either side of the hit searched for context/except phrases (default 8). */
  contextWindow: number;
  /** `topic: true`: the rule names a topic, so inside warning/news framing (Pack.framing) it does not count. */
  topic: boolean;
}

export interface TermRule extends RuleBase, HitConditions {
  kind: 'terms';
  terms: string[];
  pinyin: boolean;
  word: boolean;
}

export interface PatternRule extends RuleBase, HitConditions {
  kind: 'pattern';
  pattern: string;
  /** Runs on RE2 in linear time (every pack but the shipped ones: see rules/linear.ts). Absent: V8's engine. */
  linear?: boolean;
  validate?: string;
  minDigits: number;
  minLetters: number;
  /** Digits needed in one run, where one character between two digits (138-1234 5678) does not end it. */
  minDigitRun: number;
}

export interface ProximityRule extends RuleBase {
  kind: 'all';
  all: string[];
  window: number;
}

export interface ImageRule extends RuleBase {
  kind: 'image';
  hashes: string[];
  distance: number;
}

export type Rule = TermRule | PatternRule | ProximityRule | ImageRule;

/** Pack-level `framing`: cues of warnings, news and prevention talk (提醒, 破获, 远离…). */
export interface Framing {
  cues: string[];
  /** Characters either side of a topic hit searched for a cue (default 12). */
  window: number;
}

export interface Pack {
  file: string;
  name: string;
  category: Category;
  version: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
  rules: Rule[];
  allow: string[];
  /** Applies to the `topic` rules of every loaded pack; null when the pack has none. */
  framing: Framing | null;
}

export class RulePackError extends Error {
  readonly file: string;
  readonly rule?: string;
  readonly reason: string;
  constructor(file: string, rule: string | undefined, reason: string) {
    super(`${file}${rule ? `: rule ${rule}` : ''}: ${reason}`);
    this.name = 'RulePackError';
    this.file = file;
    this.rule = rule;
    this.reason = reason;
  }
}

export const DEFAULT_WEIGHT: Record<RuleAction, number> = { review: 0.5, block: 0.95 };
export const MAX_TERM_LENGTH = 64;
export const DEFAULT_IMAGE_DISTANCE = 6;
export const DEFAULT_CONTEXT_WINDOW = 8;
export const DEFAULT_FRAMING_WINDOW = 12;
const MAX_CONTEXT_WINDOW = 200;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown, what: string, fail: (reason: string) => never): string[] {
  if (!Array.isArray(v)) fail(`${what} must be a list`);
  return (v as unknown[]).map((x, i) => {
    if (typeof x === 'number') return String(x);
    if (typeof x !== 'string' || x.length === 0) fail(`${what}[${i}] must be a non-empty string`);
    return x as string;
  });
}

function checkTerm(term: string, what: string, fail: (reason: string) => never): void {
  const n = normaliseText(term);
  if (n.length === 0) fail(`${what} "${term}" has no letters or digits left after normalisation`);
  if (n.length > MAX_TERM_LENGTH) fail(`${what} "${term.slice(0, 20)}…" is longer than ${MAX_TERM_LENGTH} characters`);
}

function parseRule(raw: unknown, index: number, category: Category, file: string): Rule {
  const idGuess = isObj(raw) && typeof raw.id === 'string' ? raw.id : `#${index + 1}`;
  const fail = (reason: string): never => {
    throw new RulePackError(file, idGuess, reason);
  };
  if (!isObj(raw)) return fail('a rule must be a mapping');
  if (typeof raw.id !== 'string' || !ID_RE.test(raw.id)) fail('id must be a string of letters, digits, . _ : -');
  const id = raw.id as string;
  const kinds = (['terms', 'pattern', 'all', 'hashes'] as const).filter((k) => raw[k] !== undefined);
  if (kinds.length !== 1) fail(kinds.length === 0 ? 'needs one of terms, pattern, all, hashes' : `has both ${kinds.join(' and ')}`);
  const action = raw.action ?? 'review';
  if (action !== 'block' && action !== 'review') fail(`action must be block or review, not ${String(action)}`);
  const act = action as RuleAction;
  let weight = DEFAULT_WEIGHT[act];
  if (raw.weight !== undefined) {
    if (typeof raw.weight !== 'number' || !(raw.weight >= 0 && raw.weight <= 1)) fail('weight must be a number from 0 to 1');
    weight = raw.weight as number;
  }
  let label: string | undefined;
  if (raw.label !== undefined) {
    if (typeof raw.label !== 'string' || !raw.label) fail('label must be a non-empty string');
    label = raw.label as string;
  }
  const mode = raw.mode ?? 'live';
  if (mode !== 'live' && mode !== 'shadow') fail(`mode must be live or shadow, not ${String(mode)}`);
  const base = { id, category, label, action: act, weight, mode: mode as 'live' | 'shadow', file };
  const kind = kinds[0];
  const onlyFor = (field: string, kindName: string): void => {
    if (raw[field] !== undefined && kind !== kindName) fail(`${field} only applies to ${kindName} rules`);
  };
  onlyFor('pinyin', 'terms');
  onlyFor('word', 'terms');
  onlyFor('window', 'all');
  onlyFor('validate', 'pattern');
  onlyFor('minDigits', 'pattern');
  onlyFor('minLetters', 'pattern');
  onlyFor('minDigitRun', 'pattern');
  onlyFor('distance', 'hashes');
  const conditions = (): HitConditions => {
    if (raw.boundary !== undefined && raw.boundary !== 'word') fail('boundary must be word');
    const phrases = (field: string): string[] => {
      if (raw[field] === undefined) return [];
      const list = stringList(raw[field], field, fail);
      if (list.length === 0) fail(`${field} is empty`);
      for (const t of list) checkTerm(t, `${field} phrase`, fail);
      return list;
    };
    const context = phrases('context');
    const except = phrases('except');
    let contextWindow = DEFAULT_CONTEXT_WINDOW;
    if (raw.contextWindow !== undefined) {
      const w = raw.contextWindow;
      if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > MAX_CONTEXT_WINDOW)
        fail(`contextWindow must be an integer from 1 to ${MAX_CONTEXT_WINDOW}`);
      if (!context.length && !except.length) fail('contextWindow needs context or except');
      contextWindow = w as number;
    }
    if (raw.topic !== undefined && typeof raw.topic !== 'boolean') fail('topic must be true or false');
    return { boundary: raw.boundary === 'word', context, except, contextWindow, topic: raw.topic === true };
  };
  if (kind === 'all' || kind === 'hashes') for (const f of ['boundary', 'context', 'except', 'contextWindow', 'topic']) onlyFor(f, 'terms or pattern');
  if (kind === 'terms') {
    const terms = stringList(raw.terms, 'terms', fail);
    if (terms.length === 0) fail('terms is empty');
    for (const t of terms) checkTerm(t, 'term', fail);
    if (raw.pinyin !== undefined && typeof raw.pinyin !== 'boolean') fail('pinyin must be true or false');
    if (raw.word !== undefined && typeof raw.word !== 'boolean') fail('word must be true or false');
    return { ...base, ...conditions(), kind: 'terms', terms, pinyin: raw.pinyin === true, word: raw.word === true };
  }
  if (kind === 'pattern') {
    if (typeof raw.pattern !== 'string' || raw.pattern.length === 0) fail('pattern must be a non-empty string');
    const pattern = raw.pattern as string;
    try {
      new RegExp(pattern, 'giu');
    } catch (e) {
      fail(`pattern is not a valid JavaScript regular expression (u and i flags): ${(e as Error).message}`);
    }
    const problem = regexProblem(pattern);
    if (problem) fail(problem);
    if (new RegExp(pattern, 'iu').test('')) fail('pattern matches the empty string');
    // Operator patterns: linear time by construction, or refused here with the reason.
    const linear = !isShippedPack(file);
    if (linear) {
      const compiled = compileLinear(pattern);
      if ('problem' in compiled) fail(compiled.problem);
    } else if (regexProbeFails(pattern)) fail('pattern took too long on a test input (catastrophic backtracking?)');
    let validate: string | undefined;
    if (raw.validate !== undefined) {
      if (typeof raw.validate !== 'string' || !(raw.validate in VALIDATORS)) fail(`validate must be one of ${Object.keys(VALIDATORS).join(', ')}`);
      validate = raw.validate as string;
    }
    const count = (field: string): number => {
      const v = raw[field];
      if (v === undefined) return 0;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(`${field} must be a non-negative integer`);
      return v as number;
    };
    return {
      ...base,
      ...conditions(),
      kind: 'pattern',
      pattern,
      ...(linear ? { linear } : {}),
      validate,
      minDigits: count('minDigits'),
      minLetters: count('minLetters'),
      minDigitRun: count('minDigitRun'),
    };
  }
  if (kind === 'all') {
    const all = stringList(raw.all, 'all', fail);
    if (all.length < 2 || all.length > 16) fail('all needs 2 to 16 terms');
    for (const t of all) checkTerm(t, 'all term', fail);
    const w = raw.window;
    if (w === undefined) fail('all needs a window (characters)');
    if (typeof w !== 'number' || !Number.isInteger(w) || w < 1 || w > 10000) fail('window must be an integer from 1 to 10000');
    return { ...base, kind: 'all', all, window: w as number };
  }
  if (base.mode === 'shadow') fail('mode: shadow applies to text rules (terms, pattern, all), not image hashes');
  const hashes = stringList(raw.hashes, 'hashes', fail).map((h) => h.toLowerCase());
  if (hashes.length === 0) fail('hashes is empty');
  for (const h of hashes) if (!/^[0-9a-f]{16}$/.test(h)) fail(`hash "${h}" is not 16 hex digits`);
  let distance = DEFAULT_IMAGE_DISTANCE;
  if (raw.distance !== undefined) {
    if (typeof raw.distance !== 'number' || !Number.isInteger(raw.distance) || raw.distance < 0 || raw.distance > 32)
      fail('distance must be an integer from 0 to 32');
    distance = raw.distance as number;
  }
  return { ...base, kind: 'image', hashes, distance };
}

/** Parses one pack's text. `file` is used in error messages. */
export function parsePack(text: string, file: string): Pack {
  const hash = createHash('sha256').update(text).digest('hex');
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    throw new RulePackError(file, undefined, `not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isObj(doc)) throw new RulePackError(file, undefined, 'a pack must be a mapping with category and rules');
  const cat = doc.category;
  if (typeof cat !== 'string' || !isCategory(cat))
    throw new RulePackError(file, undefined, `category must be one of the twelve of CONTRACT §7, not ${String(cat)}`);
  let version = hash.slice(0, 12);
  if (doc.version !== undefined) {
    if ((typeof doc.version !== 'string' && typeof doc.version !== 'number') || String(doc.version).length === 0)
      throw new RulePackError(file, undefined, 'version must be a string');
    version = String(doc.version);
  }
  const rulesRaw = doc.rules ?? [];
  if (!Array.isArray(rulesRaw)) throw new RulePackError(file, undefined, 'rules must be a list');
  const rules = rulesRaw.map((r, i) => parseRule(r, i, cat, file));
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) throw new RulePackError(file, r.id, 'duplicate rule id');
    seen.add(r.id);
  }
  let allow: string[] = [];
  if (doc.allow !== undefined) {
    allow = stringList(doc.allow, 'allow', (reason) => {
      throw new RulePackError(file, undefined, reason);
    });
    for (const a of allow)
      checkTerm(a, 'allow phrase', (reason) => {
        throw new RulePackError(file, undefined, reason);
      });
  }
  const name = path.basename(file).replace(/\.ya?ml$/i, '');
  return { file, name, category: cat, version, hash, rules, allow, framing: parseFraming(doc.framing, file) };
}

function parseFraming(raw: unknown, file: string): Framing | null {
  if (raw === undefined) return null;
  const fail = (reason: string): never => {
    throw new RulePackError(file, undefined, `framing: ${reason}`);
  };
  if (!isObj(raw)) return fail('must be a mapping with cues and an optional window');
  const cues = stringList(raw.cues, 'cues', fail);
  if (cues.length === 0) fail('cues is empty');
  for (const c of cues) checkTerm(c, 'cue', fail);
  let window = DEFAULT_FRAMING_WINDOW;
  if (raw.window !== undefined) {
    if (typeof raw.window !== 'number' || !Number.isInteger(raw.window) || raw.window < 1 || raw.window > MAX_CONTEXT_WINDOW)
      fail(`window must be an integer from 1 to ${MAX_CONTEXT_WINDOW}`);
    window = raw.window as number;
  }
  return { cues, window };
}

/** The pack files of one folder, sorted (so the combined version does not depend on readdir order). */
export function packFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (e) {
    throw new RulePackError(dir, undefined, `cannot read rule folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return entries
    .filter((f) => /\.ya?ml$/i.test(f) && !f.startsWith('.'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function loadPackFile(file: string): Pack {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new RulePackError(file, undefined, `cannot read: ${(e as Error).message}`);
  }
  return parsePack(text, file);
}

/** Loads every pack in the folders, in order, and checks ids are unique across all of them. */
/** Each folder once, by its real path: naming the shipped folder again (`rules check rules/packs`) must not load it twice. */
function distinctDirs(dirs: readonly string[]): string[] {
  const seen = new Set<string>();
  return dirs.filter((dir) => {
    let key: string;
    try {
      key = fs.realpathSync(dir);
    } catch {
      key = path.resolve(dir); // missing: packFiles reports it
    }
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The packs in force: the shipped ones plus the operator folders (SHENHE_RULES_DIR) that exist. */
export function loadPacksInForce(operatorDirs: readonly string[]): Pack[] {
  return loadPacks([shippedPacksDir(), ...operatorDirs].filter((d) => fs.existsSync(d)));
}

export function loadPacks(dirs: readonly string[]): Pack[] {
  const packs: Pack[] = [];
  const owner = new Map<string, string>();
  for (const dir of distinctDirs(dirs)) {
    for (const file of packFiles(dir)) {
      const pack = loadPackFile(file);
      for (const r of pack.rules) {
        const prev = owner.get(r.id);
        if (prev !== undefined) throw new RulePackError(file, r.id, `rule id already used in ${prev}`);
        owner.set(r.id, file);
      }
      packs.push(pack);
    }
  }
  return packs;
}

let shippedDir: string | null = null;

/** Whether the pack file is one of the shipped, reviewed packs (which keep V8's regex engine). */
function isShippedPack(file: string): boolean {
  try {
    return path.dirname(path.resolve(file)) === shippedPacksDir();
  } catch {
    return false;
  }
}

/**
 * The shipped packs live in the source tree (`rules/packs`); the build does not copy YAML, so
 * from `dist/rules` we walk up until we find them.
 */
export function shippedPacksDir(): string {
  if (shippedDir) return shippedDir;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [path.join(dir, 'packs'), path.join(dir, 'rules', 'packs')]) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isDirectory() && packFiles(candidate).length > 0) {
        shippedDir = candidate;
        return candidate;
      }
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`shipped rule packs (rules/packs) not found above ${__dirname}`);
}

/** A short fingerprint and a human-readable name for a set of packs (the verdict's engine.rules). */
export function packsVersion(packs: readonly Pack[], shipped: string): { version: string; hash: string } {
  const h = createHash('sha256');
  for (const p of packs) h.update(`${p.name}\0${p.version}\0${p.hash}\n`);
  const hash = h.digest('hex');
  const shippedPacks = packs.filter((p) => path.dirname(p.file) === shipped);
  const others = packs.filter((p) => path.dirname(p.file) !== shipped);
  const versions = new Set(shippedPacks.map((p) => p.version));
  const parts: string[] = [];
  if (shippedPacks.length) parts.push(versions.size === 1 ? `shipped@${[...versions][0]}` : shippedPacks.map((p) => `${p.name}@${p.version}`).join(','));
  for (const p of others) parts.push(`${p.name}@${p.version}`);
  return { version: `${parts.join('+') || 'none'}#${hash.slice(0, 12)}`, hash };
}
