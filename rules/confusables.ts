// Look-alike letters people use to slip Latin keywords past word lists (саsinо with Cyrillic
// а/о, ΒΕΤ with Greek capitals, small capitals). Applied after NFKC, so circled, enclosed,
// mathematical and full-width forms are already plain Latin by the time this runs.
//
// Upper-case Greek/Cyrillic are mapped before case folding because their lower-case forms no
// longer look Latin (Greek Η → h, but η → n).
export const CONFUSABLE_UPPER: Record<string, string> = {
  // Greek capitals
  Α: 'a',
  Β: 'b',
  Ε: 'e',
  Ζ: 'z',
  Η: 'h',
  Ι: 'i',
  Κ: 'k',
  Μ: 'm',
  Ν: 'n',
  Ο: 'o',
  Ρ: 'p',
  Τ: 't',
  Υ: 'y',
  Χ: 'x',
  // Cyrillic capitals
  А: 'a',
  В: 'b',
  Е: 'e',
  К: 'k',
  М: 'm',
  Н: 'h',
  О: 'o',
  Р: 'p',
  С: 'c',
  Т: 't',
  У: 'y',
  Х: 'x',
  Ѕ: 's',
  І: 'i',
  Ј: 'j',
  Ԛ: 'q',
  Ԝ: 'w',
  Ү: 'y',
  Һ: 'h',
  Ӏ: 'l',
  Ё: 'e',
  Ї: 'i',
};

export const CONFUSABLE_LOWER: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ү: 'y',
  ь: 'b',
  ɡ: 'g',
  // Greek
  α: 'a',
  β: 'b',
  γ: 'y',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  μ: 'u',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ς: 's',
  ϲ: 'c',
  ϳ: 'j',
  // IPA and small capitals
  ɑ: 'a',
  ı: 'i',
  ȷ: 'j',
  ɩ: 'i',
  ʟ: 'l',
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ꜰ: 'f',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
};

/** Mathematical alphanumerics and enclosed letters outside the BMP that NFKC leaves alone. */
export function astralLetter(cp: number): string | null {
  // Negative circled and negative squared capitals 🅐 🅰 (NFKC has no decomposition for them).
  if (cp >= 0x1f150 && cp <= 0x1f169) return String.fromCharCode(0x61 + cp - 0x1f150);
  if (cp >= 0x1f170 && cp <= 0x1f189) return String.fromCharCode(0x61 + cp - 0x1f170);
  // Regional indicators (🇦) stay separators: in pairs they are flags, and decoration must not
  // turn into letters that glue onto neighbouring words.
  return null;
}

/**
 * CJK radicals (Radicals Supplement, U+2E80–2EFF) that look like a whole simplified character:
 * 草泥⻢ is 草泥马. NFKC maps only the Kangxi radicals (⾺ → 马); these are symbols to it, so they
 * would otherwise be dropped as separators. Taken from the code points' Unicode names
 * (C-SIMPLIFIED HORSE → 马; the J-simplified forms to the Chinese simplified character). Radicals
 * that only ever appear as components (⻈ 讠, ⻐ 钅) are left alone: no word is written with them.
 */
export const CJK_RADICALS: Record<string, string> = {
  '⻅': '见',
  '⻆': '角',
  '⻉': '贝',
  '⻋': '车',
  '⻓': '长',
  '⻔': '门',
  '⻙': '韦',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻢': '马',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻧': '卤',
  '⻨': '麦',
  '⻩': '黄',
  '⻪': '黾',
  '⻫': '齐',
  '⻬': '齐',
  '⻭': '齿',
  '⻮': '齿',
  '⻯': '龙',
  '⻰': '龙',
  '⻲': '龟',
  '⻳': '龟',
};
