// Pinyin spellings of `pinyin: true` terms, compiled into a second automaton that scans with
// Latin letters only (tone digits 0–5 are ignored, everything else separates). Tone marks need no
// special handling: the fold strips Latin diacritics, so bǎi jiā lè folds to baijiale.
import { pinyin } from 'pinyin-pro';
import { PF_LATIN_GAP, PF_WORD } from './automaton';
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
