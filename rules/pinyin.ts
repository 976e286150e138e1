// Pinyin spellings of `pinyin: true` terms, compiled into a second automaton that scans with
// Latin letters only (tone digits 0–5 are ignored, everything else separates). Tone marks need no
// special handling: the fold strips Latin diacritics, so bǎi jiā lè folds to baijiale.
import { pinyin } from 'pinyin-pro';
import { PF_LATIN_GAP, PF_WORD } from './automaton';
import { HOMOPHONES, SOUND_ALIKE_EVERYDAY, SPLIT_CHARACTERS } from './confusables';
import { normaliseText } from './normalise';

export interface PinyinForm {
  text: string;
  flags: number;
  kind: 'full' | 'initials';
}

const HAN = /\p{Script=Han}/u;

/** Initials need at least this many characters: bj or sm are far too common as Latin tokens. */
export const MIN_INITIALS_CHARS = 3;

export function pinyinForms(term: string): PinyinForm[] {
  const chars = [...term].filter((c) => HAN.test(c));
  if (chars.length === 0) return [];
  const forms = new Map<string, PinyinForm>();
  const add = (raw: string, flags: number, kind: PinyinForm['kind']): void => {
    const text = normaliseText(raw);
    if (text.length >= 2 && /^[a-z]+$/.test(text) && !forms.has(text)) forms.set(text, { text, flags, kind });
  };
  // One pinyin-pro call per term (each costs a fraction of a millisecond); the ü→v spelling and
  // the initials are derived from its syllables.
  const syllables = pinyin(term, { toneType: 'none', type: 'array', nonZh: 'removed' });
  const syllablesV = syllables.map((x) => x.replace(/ü/g, 'v'));
  // Short terms' pinyin (se, du bo) occurs inside ordinary Latin words; require whole tokens there.
  const fullFlags = PF_LATIN_GAP | (chars.length < MIN_INITIALS_CHARS ? PF_WORD : 0);
  add(syllables.join(''), fullFlags, 'full');
  add(syllablesV.join(''), fullFlags, 'full');
  if (chars.length >= MIN_INITIALS_CHARS) {
    add(syllables.map((x) => x.charAt(0)).join(''), PF_LATIN_GAP | PF_WORD, 'initials');
  }
  return [...forms.values()];
}

/** Terms with more Han characters than this get no mixed spellings (their count grows fast). */
export const MAX_MIXED_CHARS = 8;

/**
 * Mixed spellings of a term: some of its Han characters written in pinyin, the rest as they are
 * (赌bo, 加wei信, bai家le), the commonest way round a word list after separators. They go into the
 * main automaton as ordinary terms. Terms of up to four Han characters get every mix; longer ones
 * (up to MAX_MIXED_CHARS) only one contiguous run in pinyin, which keeps the count quadratic.
 * Raw strings are returned; the caller normalises them. The pinyin part of a mix must be whole
 * Latin tokens at the edges of the match (the caller adds PF_WORD): 赌bo does not fire in 赌boss.
 */
export function mixedForms(term: string): string[] {
  const units = [...term];
  const hanAt: number[] = [];
  units.forEach((c, i) => {
    if (HAN.test(c)) hanAt.push(i);
  });
  const n = hanAt.length;
  if (n < 2 || n > MAX_MIXED_CHARS) return [];
  const alike = soundAlikeForms(term);
  const syllables = pinyin(term, { toneType: 'none', type: 'array', nonZh: 'removed' });
  // pinyin-pro returns one syllable per Han character; anything else means we cannot align them.
  if (syllables.length !== n || syllables.some((x) => !/^[a-zü]+$/.test(x))) return alike;
  const spellings = syllables.some((x) => x.includes('ü')) ? [syllables, syllables.map((x) => x.replace(/ü/g, 'v'))] : [syllables];
  const masks: number[] = [];
  const all = (1 << n) - 1;
  if (n <= 4) for (let m = 1; m < all; m++) masks.push(m);
  else for (let from = 0; from < n; from++) for (let to = from + 1; to <= n; to++) if (to - from < n) masks.push(((1 << to) - 1) ^ ((1 << from) - 1));
  const out = new Set<string>();
  for (const syl of spellings) {
    for (const m of masks) {
      const mixed = units.slice();
      for (let k = 0; k < n; k++) if (m & (1 << k)) mixed[hanAt[k]] = syl[k];
      out.add(mixed.join(''));
    }
  }
  for (const form of alike) out.add(form);
  return [...out];
}

/** Terms with more Han characters than this get no sound-alike or split spellings. */
export const MAX_ALIKE_CHARS = 6;

/**
 * The term with one character written as a sound-alike (兵毒, 嗨洛因, 手抢, 约泡) or as its two
 * components (木仓支, 女昌, 石欠死), from the tables of confusables.ts: one swap per form, so every
 * form keeps all but one character of the watched word, plus the form with every character that
 * can be split split (木仓弓单). Terms of 2–MAX_ALIKE_CHARS Han characters; a single character (枪)
 * would turn every 抢 into a gun. Forms that are everyday words (炸蛋) are left out.
 */
export function soundAlikeForms(term: string): string[] {
  const units = [...term];
  const han = units.filter((c) => HAN.test(c)).length;
  if (han < 2 || han > MAX_ALIKE_CHARS) return [];
  const out = new Set<string>();
  units.forEach((c, i) => {
    for (const alt of [...(HOMOPHONES[c] ?? ''), ...(SPLIT_CHARACTERS[c] ? [SPLIT_CHARACTERS[c]] : [])]) {
      const form = units.slice();
      form[i] = alt;
      out.add(form.join(''));
    }
  });
  const allSplit = units.map((c) => SPLIT_CHARACTERS[c] ?? c).join('');
  if (allSplit !== term) out.add(allSplit);
  return [...out].filter((f) => ![...SOUND_ALIKE_EVERYDAY].some((w) => f.includes(w) && !term.includes(w)));
}
