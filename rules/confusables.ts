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
  const goods = GOODS_EMOJI.get(cp);
  if (goods !== undefined) return goods;
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

/**
 * Emoji that sellers and threats write in place of the goods or the act (出🔫, 🧊到货, 💊出货): read as the characters they stand for instead of as separators. Only these few;
 * every other emoji stays a separator. A rule on 枪, 冰 or 药 still needs its own trade context, so
 * a decoration (热死了想吃🧊) does not fire by itself. 🔪 and 💀 stay separators: they are
 * written between the characters of a threat (我🔪要🔪杀🔪了🔪你), where reading them would glue words.
 */
export const GOODS_EMOJI: ReadonlyMap<number, string> = new Map([
  [0x1f52b, '枪'], // 🔫
  [0x1f4a3, '炸弹'], // 💣
  [0x1f9ca, '冰'], // 🧊
  [0x1f48a, '药'], // 💊
]);

/**
 * Sound-alike characters evaders put in place of one character of a watched word (嗨洛因, 冰毐 is a
 * look-alike, 兵毒, 手抢, 约泡, 涩情, 爆恐): the character, then the characters written for it. Used for
 * `pinyin: true` terms only (rules/pinyin.ts soundAlikeForms), one substitution at a time, so a
 * form is always the whole watched word with one character swapped. Kept to swaps seen in evasions;
 * a swap that makes an everyday word (炸弹 → 炸蛋, the fried egg) is listed in SOUND_ALIKE_EVERYDAY.
 */
export const HOMOPHONES: Readonly<Record<string, string>> = {
  枪: '抢呛',
  弹: '蛋',
  毒: '独读',
  冰: '兵',
  洛: '落络',
  因: '音英',
  麻: '嘛',
  摇: '遥',
  丸: '完',
  粉: '份',
  古: '鼓',
  卡: '咖',
  氯: '绿',
  恐: '孔',
  怖: '布',
  袭: '习',
  圣: '胜',
  暴: '爆',
  爆: '暴',
  约: '月',
  炮: '泡',
  淫: '银',
  嫖: '瓢飘',
  娼: '昌',
  妓: '技',
  黄: '簧',
  援: '圆',
  裸: '倮',
  杀: '沙刹',
  砍: '坎',
  捅: '桶',
  宰: '崽',
  炸: '乍',
  烧: '稍',
  斩: '展',
  药: '要',
  雷: '擂',
  弩: '努',
  突: '凸',
  伊: '依',
  海: '嗨',
  情: '晴',
};

/** Sound-alike forms that are everyday words of their own. */
export const SOUND_ALIKE_EVERYDAY: ReadonlySet<string> = new Set(['炸蛋', '月泡', '要丸', '出兵', '出份', '出要', '卖完', '出完']);

/**
 * Characters written as their two components, side by side (木仓 for 枪, 女昌 for 娼, 石欠 for 砍):
 * the fold cannot join two characters into one, so `pinyin: true` terms get these spellings too.
 */
export const SPLIT_CHARACTERS: Readonly<Record<string, string>> = {
  枪: '木仓',
  娼: '女昌',
  妓: '女支',
  砍: '石欠',
  炸: '火乍',
  炮: '火包',
  粉: '米分',
  嫖: '女票',
  弹: '弓单',
  烧: '火尧',
  婊: '女表',
  射: '身寸',
  奸: '女干',
  铳: '金充',
};
