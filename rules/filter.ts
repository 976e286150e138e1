// Compiles loaded packs into one filter: a keyword automaton (terms, proximity terms and allow
// phrases together), a pinyin automaton, regular expressions and image hashes.
import { CATEGORIES, type Category } from './categories';
import { Automaton, PF_LATIN_GAP, PF_WORD, Scanner } from './automaton';
import { KIND_ALNUM, foldTables, normaliseText } from './normalise';
import { loadPacks, packsVersion, shippedPacksDir, type Pack, type PatternRule, type Rule } from './packs';
import { pinyinForms } from './pinyin';
import { lightFold, type LightText } from './regex';
import { DEFAULT_BLOCK_THRESHOLD, decide, mergeLabels, ruleScore, combine } from './score';
import type { TextModel } from './classifier/types';
import type { ActionLabel, CreateFilterOptions, Filter, FilterInfo, Hit, Label, ScreenInput, Verdict } from './types';
import { VALIDATORS } from './validators';

/** Hits kept per rule and field; more only make the verdict bigger, not more certain. */
export const MAX_HITS_PER_RULE = 50;
/** Owners encode rule * OWNER_STRIDE + index of the term inside a proximity rule. */
const OWNER_STRIDE = 16;

interface CompiledPattern {
  rule: number;
  re: RegExp;
  validate: ((s: string) => boolean) | null;
  minDigits: number;
  minLetters: number;
}

interface ImageHash {
  rule: number;
  hi: number;
  lo: number;
}

class PatternTable {
  readonly texts: string[] = [];
  readonly flags: number[] = [];
  readonly owners: number[][] = [];
  readonly allow: boolean[] = [];
  private readonly index = new Map<string, number>();

  add(text: string, flags: number): number {
    const key = `${flags}\u0000${text}`;
    let id = this.index.get(key);
    if (id === undefined) {
      id = this.texts.length;
      this.index.set(key, id);
      this.texts.push(text);
      this.flags.push(flags);
      this.owners.push([]);
      this.allow.push(false);
    }
    return id;
  }

  own(id: number, owner: number): void {
    const list = this.owners[id];
    if (!list.includes(owner)) list.push(owner);
  }
}

function latinFlags(folded: string): number {
  const kind = foldTables().kind;
  for (let i = 1; i < folded.length; i++) {
    if (kind[folded.charCodeAt(i - 1)] & KIND_ALNUM && kind[folded.charCodeAt(i)] & KIND_ALNUM) return PF_LATIN_GAP;
  }
  return 0;
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Per-field working state for one screen() call. */
interface FieldHits {
  byRule: Map<number, Hit[]>;
}

export interface CompileOptions {
  model?: TextModel | null;
  blockThreshold?: number;
  shippedDir?: string;
}

export class CompiledFilter implements Filter {
  readonly info: FilterInfo;
  private readonly rules: Rule[];
  private readonly main: Scanner;
  private readonly mainPatterns: PatternTable;
  private readonly pinyin: Scanner | null;
  private readonly pinyinPatterns: PatternTable;
  private readonly regexes: CompiledPattern[];
  private readonly images: ImageHash[];
  private readonly proximity: boolean;
  private readonly model: TextModel | null;
  private readonly threshold: number;

  constructor(packs: Pack[], opts: CompileOptions = {}) {
    const t0 = performance.now();
    foldTables();
    const rules: Rule[] = [];
    const main = new PatternTable();
    const py = new PatternTable();
    const regexes: CompiledPattern[] = [];
    const images: ImageHash[] = [];
    let terms = 0;
    let proximity = false;
    for (const pack of packs) {
      for (const rule of pack.rules) {
        const ri = rules.length;
        rules.push(rule);
        if (rule.kind === 'terms') {
          for (const term of rule.terms) {
            const folded = normaliseText(term);
            const id = main.add(folded, latinFlags(folded) | (rule.word ? PF_WORD : 0));
            main.own(id, ri * OWNER_STRIDE);
            terms++;
            if (rule.pinyin) {
              for (const form of pinyinForms(term)) py.own(py.add(form.text, form.flags), ri * OWNER_STRIDE);
            }
          }
        } else if (rule.kind === 'all') {
          proximity = true;
          rule.all.forEach((term, k) => {
            const folded = normaliseText(term);
            main.own(main.add(folded, latinFlags(folded)), ri * OWNER_STRIDE + k);
            terms++;
          });
        } else if (rule.kind === 'pattern') {
          regexes.push(compilePattern(rule, ri));
        } else {
          for (const h of rule.hashes) {
            images.push({ rule: ri, hi: parseInt(h.slice(0, 8), 16) | 0, lo: parseInt(h.slice(8), 16) | 0 });
          }
        }
      }
      for (const phrase of pack.allow) {
        const folded = normaliseText(phrase);
        main.allow[main.add(folded, latinFlags(folded))] = true;
      }
    }
    this.rules = rules;
    this.mainPatterns = main;
    this.main = new Scanner(new Automaton(main.texts, main.flags), 'text');
    this.pinyinPatterns = py;
    this.pinyin = py.texts.length ? new Scanner(new Automaton(py.texts, py.flags), 'pinyin') : null;
    this.regexes = regexes;
    this.images = images;
    this.proximity = proximity;
    this.model = opts.model ?? null;
    this.threshold = opts.blockThreshold ?? DEFAULT_BLOCK_THRESHOLD;
    const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
    for (const r of rules) counts[r.category]++;
    const v = packsVersion(packs, opts.shippedDir ?? '');
    this.info = {
      rules: v.version,
      hash: v.hash,
      model: this.model?.version ?? 'none',
      packs: packs.map((p) => ({ file: p.file, name: p.name, category: p.category, version: p.version, hash: p.hash, rules: p.rules.length })),
      counts,
      terms,
      buildMs: Math.round((performance.now() - t0) * 10) / 10,
    };
  }

  screen(input: ScreenInput): Verdict {
    const byRule = new Map<number, Hit[]>();
    const fields: Array<[string, string]> = [];
    if (typeof input.title === 'string' && input.title) fields.push(['title', input.title]);
    if (typeof input.text === 'string' && input.text) fields.push(['text', input.text]);
    if (input.fields) {
      for (const [name, value] of Object.entries(input.fields)) if (typeof value === 'string' && value) fields.push([name, value]);
    }
    for (const [name, value] of fields) this.screenField(name, value, { byRule });
    const labels: Label[] = [];
    const byLabel = new Map<string, Label>();
    let blocked = false;
    // Rules are visited in pack order so the output is deterministic.
    const ruleIds = [...byRule.keys()].sort((a, b) => a - b);
    for (const ri of ruleIds) {
      const hits = byRule.get(ri) ?? [];
      if (hits.length === 0) continue;
      const rule = this.rules[ri];
      if (rule.action === 'block') blocked = true;
      const key = `${rule.category}\u0000${rule.label ?? ''}`;
      let label = byLabel.get(key);
      if (!label) {
        label = { category: rule.category, score: 0, hits: [] };
        if (rule.label !== undefined) label.label = rule.label;
        byLabel.set(key, label);
        labels.push(label);
      }
      label.score = combine(label.score, ruleScore(rule.weight, hits.length));
      for (const h of hits) label.hits.push(h);
    }
    if (this.model && fields.length) {
      let predictions: ReturnType<TextModel['predict']> = [];
      try {
        predictions = this.model.predict(fields.map((f) => f[1]).join('\n'));
      } catch {
        // A failing model must not take the rules down with it; the verdict says model 'none'-like nothing.
        predictions = [];
      }
      for (const p of predictions) {
        if (!(p.score >= 0.5)) continue;
        const key = `${p.category}\u0000${p.label ?? ''}`;
        const reason = `classifier ${this.model.version}: ${p.score.toFixed(2)}`;
        const label = byLabel.get(key);
        if (label) {
          label.score = combine(label.score, p.score);
          label.reason = label.reason ? `${label.reason}; ${reason}` : reason;
        } else {
          const l: Label = { category: p.category, score: p.score, hits: [], reason };
          if (p.label !== undefined) l.label = p.label;
          byLabel.set(key, l);
          labels.push(l);
        }
      }
    }
    for (const l of labels) l.score = Math.round(Math.min(1, l.score) * 1e4) / 1e4;
    const { risk, suggestion } = decide(labels, blocked, this.threshold);
    const verdict: Verdict = { suggestion, risk, labels, engine: { rules: this.info.rules, model: this.info.model } };
    if (input.id !== undefined) return { id: input.id, ...verdict };
    return verdict;
  }

  private addHit(state: FieldHits, rule: number, field: string, start: number, end: number, original: string): void {
    let list = state.byRule.get(rule);
    if (!list) {
      list = [];
      state.byRule.set(rule, list);
    }
    let inField = 0;
    for (const h of list) {
      if (h.field !== field) continue;
      if (h.start === start && h.end === end) return;
      inField++;
    }
    if (inField >= MAX_HITS_PER_RULE) return;
    list.push({ rule: this.rules[rule].id, field, start, end, text: original.slice(start, end) });
  }

  private screenField(field: string, s: string, state: FieldHits): void {
    const main = this.main;
    main.scan(s);
    const n = main.count;
    let allowStart: number[] | null = null;
    let allowEnd: number[] | null = null;
    const mainAllow = this.mainPatterns.allow;
    for (let k = 0; k < n; k++) {
      if (mainAllow[main.mPat[k]]) {
        (allowStart ??= []).push(main.mStart[k]);
        (allowEnd ??= []).push(main.mEnd[k]);
      }
    }
    const allowed = (start: number, end: number): boolean => {
      if (allowStart === null || allowEnd === null) return false;
      for (let a = 0; a < allowStart.length; a++) if (allowStart[a] <= start && end <= allowEnd[a]) return true;
      return false;
    };
    if (n === 0 && this.regexes.length === 0 && this.pinyin === null) return;
    let near: Map<number, number[]> | null = null;
    const owners = this.mainPatterns.owners;
    for (let k = 0; k < n; k++) {
      const p = main.mPat[k];
      const own = owners[p];
      if (own.length === 0) continue;
      const start = main.mStart[k];
      const end = main.mEnd[k];
      if (allowStart !== null && allowed(start, end)) continue;
      for (const o of own) {
        const term = o % OWNER_STRIDE;
        const rule = (o - term) / OWNER_STRIDE;
        if (this.rules[rule].kind === 'all') {
          near ??= new Map();
          let occ = near.get(rule);
          if (!occ) near.set(rule, (occ = []));
          if (occ.length < 3 * 256) occ.push(term, start, end);
        } else this.addHit(state, rule, field, start, end, s);
      }
    }
    const alnum = main.alnum;
    const digits = main.digits;
    if (this.pinyin && alnum - digits >= 2) {
      const py = this.pinyin;
      // Outside the span of Latin letters the pinyin scanner would only see separators.
      py.scan(s, main.latinFrom, main.latinTo);
      const pyOwners = this.pinyinPatterns.owners;
      for (let k = 0; k < py.count; k++) {
        const start = py.mStart[k];
        const end = py.mEnd[k];
        if (allowed(start, end)) continue;
        for (const o of pyOwners[py.mPat[k]]) this.addHit(state, o / OWNER_STRIDE, field, start, end, s);
      }
    }
    if (near !== null) for (const [rule, occ] of near) this.proximityHits(state, rule, field, occ, s);
    if (this.regexes.length) {
      let light: LightText | null = null;
      for (const rx of this.regexes) {
        if (digits < rx.minDigits || alnum - digits < rx.minLetters) continue;
        light ??= lightFold(s);
        const text = light.text;
        const re = rx.re;
        re.lastIndex = 0;
        let found = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(text)) !== null) {
          const len = m[0].length;
          if (len === 0) {
            re.lastIndex++;
            continue;
          }
          if (rx.validate && !rx.validate(m[0])) continue;
          const ls = m.index;
          const start = light.starts ? light.starts[ls] : ls;
          const end = light.ends ? light.ends[ls + len - 1] : ls + len;
          if (allowed(start, end)) continue;
          this.addHit(state, rx.rule, field, start, end, s);
          if (++found >= MAX_HITS_PER_RULE) break;
        }
      }
    }
  }

  /** First window (by start) holding one occurrence of every term; reported once per field. */
  private proximityHits(state: FieldHits, ri: number, field: string, occ: number[], s: string): void {
    const rule = this.rules[ri];
    if (rule.kind !== 'all') return;
    const need = rule.all.length;
    const count = occ.length / 3;
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => occ[a * 3 + 1] - occ[b * 3 + 1]);
    const pick = new Int32Array(need);
    for (let i = 0; i < count; i++) {
      const first = order[i];
      const windowStart = occ[first * 3 + 1];
      pick.fill(-1);
      let have = 0;
      for (let j = i; j < count && have < need; j++) {
        const h = order[j];
        if (occ[h * 3 + 2] - windowStart > rule.window) continue;
        if (occ[h * 3 + 1] - windowStart > rule.window) break;
        const term = occ[h * 3];
        if (pick[term] < 0) {
          pick[term] = h;
          have++;
        }
      }
      if (have === need) {
        for (const h of pick) this.addHit(state, ri, field, occ[h * 3 + 1], occ[h * 3 + 2], s);
        return;
      }
    }
  }

  /** Keyword stage alone (normalisation + automaton, no verdict): raw match count. For benchmarks. */
  countKeywordMatches(text: string): number {
    this.main.scan(text);
    return this.main.count;
  }

  matchImage(index: number, phash: string): ActionLabel[] {
    if (!/^[0-9a-fA-F]{16}$/.test(phash) || this.images.length === 0) return [];
    const hi = parseInt(phash.slice(0, 8), 16) | 0;
    const lo = parseInt(phash.slice(8), 16) | 0;
    const best = new Map<number, number>();
    for (const img of this.images) {
      const d = popcount32(hi ^ img.hi) + popcount32(lo ^ img.lo);
      const rule = this.rules[img.rule];
      if (rule.kind !== 'image' || d > rule.distance) continue;
      const prev = best.get(img.rule);
      if (prev === undefined || d < prev) best.set(img.rule, d);
    }
    const labels: ActionLabel[] = [];
    for (const [ri, d] of best) {
      const rule = this.rules[ri];
      const label: ActionLabel = {
        category: rule.category,
        score: rule.weight,
        hits: [{ rule: rule.id, field: `images[${index}]`, start: 0, end: 0, text: '' }],
        reason: `perceptual hash within ${d} bits of an image listed by ${rule.id}`,
        action: rule.action,
      };
      if (rule.label !== undefined) label.label = rule.label;
      labels.push(label);
    }
    return labels;
  }

  addLabels(verdict: Verdict, extra: ActionLabel[]): Verdict {
    return mergeLabels(verdict, extra, this.threshold);
  }
}

function compilePattern(rule: PatternRule, ri: number): CompiledPattern {
  return {
    rule: ri,
    re: new RegExp(rule.pattern, 'giu'),
    validate: rule.validate ? (VALIDATORS[rule.validate] ?? null) : null,
    minDigits: rule.minDigits,
    minLetters: rule.minLetters,
  };
}

/** Loads the classifier if its module exists and has a model; never throws. */
export function loadClassifier(): TextModel | null {
  try {
    // Required lazily: the classifier (and `natural`) are optional, and cost start-up time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('./classifier') as { loadDefaultModel?: () => TextModel | null };
    return typeof mod.loadDefaultModel === 'function' ? mod.loadDefaultModel() : null;
  } catch {
    return null;
  }
}

/** Synchronous createFilter (the reloader and CLI use it). Throws RulePackError on a bad pack. */
export function createFilterSync(options: CreateFilterOptions = {}): CompiledFilter {
  const shipped = options.shipped === false ? null : shippedPacksDir();
  const dirs = [...(shipped ? [shipped] : []), ...(options.rules ?? [])];
  const packs = loadPacks(dirs);
  const model = options.classifier === false ? null : loadClassifier();
  return new CompiledFilter(packs, { model, blockThreshold: options.blockThreshold, shippedDir: shipped ?? undefined });
}
