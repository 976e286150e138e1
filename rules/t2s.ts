// Traditional → simplified folding, derived from opencc-js's own character dictionaries.
//
// Calling the opencc converter per character on the hot path would cost microseconds per
// character; instead we read the character-level dictionaries it ships (TW/HK variant
// reversal, then TSCharacters) once and keep only 1:1 BMP → BMP pairs. The pairs we drop are
// those whose simplified form lies outside the BMP (e.g. 㗲 → 𠵾): the fold table is 16-bit, and
// such characters are rare enough that leaving them traditional costs nothing in practice.
// Phrase dictionaries (e.g. TW 埠 → 端口) are deliberately not used: they are word
// substitutions, not character variants, and would make offsets meaningless.
import * as OpenCC from 'opencc-js';

type DictGroupList = readonly (readonly (string | readonly (readonly [string, string])[])[])[];

function pairsOf(group: DictGroupList | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!group) return out;
  for (const dicts of group) {
    for (const dict of dicts) {
      if (typeof dict === 'string') {
        for (const entry of dict.split('|')) {
          const sp = entry.indexOf(' ');
          if (sp <= 0) continue;
          // An entry may list several candidates separated by spaces; the first is OpenCC's choice.
          const rest = entry.slice(sp + 1);
          const sp2 = rest.indexOf(' ');
          out.push([entry.slice(0, sp), sp2 < 0 ? rest : rest.slice(0, sp2)]);
        }
      } else {
        for (const [a, b] of dict) out.push([a, b]);
      }
    }
  }
  return out;
}

function isSingleBmp(s: string): boolean {
  return s.length === 1 && (s.charCodeAt(0) < 0xd800 || s.charCodeAt(0) > 0xdfff);
}

export interface T2SInfo {
  map: Map<number, number>;
  /** Dictionary entries we skipped because source or target is not a single BMP character. */
  skipped: Array<[string, string]>;
}

/** Variant → simplified pairs added to OpenCC's (see t2sMap). */
export const EXTRA_VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['囯', '国'],
  ['圀', '国'],
  ['囶', '国'],
  ['囻', '民'],
  ['亊', '事'],
  ['卋', '世'],
  ['鎗', '枪'],
  ['砲', '炮'],
  ['妳', '你'],
];

let cached: T2SInfo | null = null;

export function t2sMap(): T2SInfo {
  if (cached) return cached;
  const locale = (OpenCC as unknown as { Locale: { from: Record<string, DictGroupList>; to: Record<string, DictGroupList> } }).Locale;
  const chars = new Map<string, string>();
  const skipped: Array<[string, string]> = [];
  // The last dictionary in each group is the character-level one; earlier ones are phrases.
  const charDict = (group: DictGroupList | undefined): Array<[string, string]> =>
    pairsOf(group ? group.map((dicts) => dicts.slice(dicts.length - 1)) : undefined);
  for (const [a, b] of charDict(locale.to.cn)) {
    if (isSingleBmp(a) && isSingleBmp(b)) chars.set(a, b);
    else skipped.push([a, b]);
  }
  const simplified = new Set(chars.values());
  const map = new Map<number, number>();
  for (const [a, b] of chars) if (a !== b) map.set(a.charCodeAt(0), b.charCodeAt(0));
  // Regional variants (台灣 / 香港 glyph forms) first become OpenCC-standard traditional, then simplified.
  for (const region of ['tw', 'hk']) {
    for (const [a, b] of charDict(locale.from[region])) {
      // The `from` dictionaries map a regional glyph to OpenCC's standard traditional form.
      const regional = a;
      const std = b;
      if (!isSingleBmp(std) || !isSingleBmp(regional)) continue;
      const r = regional.charCodeAt(0);
      // A regional glyph that is also a simplified character (么, 台) must stay itself, or
      // ordinary simplified text (什么) would be rewritten.
      if (map.has(r) || simplified.has(regional)) continue;
      const target = chars.get(std) ?? std;
      if (target !== regional && isSingleBmp(target)) map.set(r, target.charCodeAt(0));
    }
  }
  // Variant glyphs outside OpenCC's character tables that are written to dodge word lists: 伊斯兰囯,
  // 約砲 (砲 for 炮), 鎗 for 枪, 殺了妳. Each target is a simplified character, so the fold stays idempotent.
  for (const [a, b] of EXTRA_VARIANTS) if (!map.has(a.charCodeAt(0))) map.set(a.charCodeAt(0), b.charCodeAt(0));
  cached = { map, skipped };
  return cached;
}
