// Chinese numerals, for the two places that read them: numeral spellings of terms (六合彩 is also
// written 6合彩 and 陆合彩 — sensitive-word lists write numbers in Chinese, evaders swap in Arabic
// digits or the financial forms, which the fold cannot undo because 陆 and 6 are ordinary
// characters elsewhere) and the `mobile` validator (幺三八… is a phone number).

/** Digit of every way a Chinese text writes one: standard, financial (壹贰叁…), and 幺/两 as said aloud. */
const DIGIT_OF: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  幺: '1',
  壹: '1',
  二: '2',
  两: '2',
  贰: '2',
  三: '3',
  叁: '3',
  四: '4',
  肆: '4',
  五: '5',
  伍: '5',
  六: '6',
  陆: '6',
  七: '7',
  柒: '7',
  八: '8',
  捌: '8',
  九: '9',
  玖: '9',
};
const ANY_NUMERAL = new RegExp(`[${Object.keys(DIGIT_OF).join('')}]`, 'g');

/** The standard numerals a word list writes, and their financial forms. */
const FINANCIAL: Record<string, string> = { 零: '零', 〇: '零', 一: '壹', 二: '贰', 三: '叁', 四: '肆', 五: '伍', 六: '陆', 七: '柒', 八: '捌', 九: '玖' };
const NUMERAL = /[零〇一二三四五六七八九]/g;
const HAN = /\p{Script=Han}/u;

/** `s` with every Chinese numeral as its Arabic digit. */
export function toArabicDigits(s: string): string {
  return s.replace(ANY_NUMERAL, (c) => DIGIT_OF[c]);
}

/**
 * The term with every Chinese numeral as an Arabic digit, and as its financial form; empty when the
 * term has no numeral, or nothing but numerals (六四 as 64 would fire on every price and count).
 * The caller compiles the digit form as a whole token (PF_WORD): 6合彩 does not fire in 16合彩.
 */
export function numeralForms(term: string): string[] {
  const death = deathDigitForm(term);
  return death === null ? plainNumeralForms(term) : [...plainNumeralForms(term), death];
}

/** 死 written as 4 (its near-homophone 四) between two other characters of a term: 砍死你 → 砍4你. */
const DEATH_INSIDE = /(?<=\p{Script=Han})死(?=\p{Script=Han})/gu;

function deathDigitForm(term: string): string | null {
  const form = term.replace(DEATH_INSIDE, '4');
  return form === term ? null : form;
}

function plainNumeralForms(term: string): string[] {
  const chars = [...term];
  const numerals = chars.filter((c) => c in FINANCIAL).length;
  const others = chars.filter((c) => !(c in FINANCIAL) && HAN.test(c)).length;
  if (numerals === 0 || others === 0) return [];
  const forms = [term.replace(NUMERAL, (c) => DIGIT_OF[c]), term.replace(NUMERAL, (c) => FINANCIAL[c])];
  return forms.filter((f) => f !== term);
}
