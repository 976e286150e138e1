import { CATEGORY_NAMES_ZH } from '../../rules/categories';
import { LABEL_NAMES } from '../../rules/labels';
import { lang } from './i18n';

/** The twelve categories of CONTRACT §7, in key order: the ones moderators use most get the digits 1–9, then 0, - and =. */
export const CATEGORY_KEYS = [
  'advertising',
  'obscene_violent',
  'fraud_insult',
  'personal_data',
  'rumor',
  'malware',
  'ethnic_hatred',
  'religion_cult',
  'other_illegal',
  'national_security',
  'national_honor',
  'constitution',
] as const;

export type CategoryId = (typeof CATEGORY_KEYS)[number];

const SHORT: Record<CategoryId, { zh: string; en: string }> = {
  advertising: { zh: '广告垃圾', en: 'Advertising / spam' },
  obscene_violent: { zh: '色情赌博暴力', en: 'Obscene / violent' },
  fraud_insult: { zh: '诈骗侮辱诽谤', en: 'Fraud / insult' },
  personal_data: { zh: '个人信息泄露', en: 'Personal data' },
  rumor: { zh: '谣言', en: 'Rumour' },
  malware: { zh: '恶意程序', en: 'Malware' },
  ethnic_hatred: { zh: '民族仇恨', en: 'Ethnic hatred' },
  religion_cult: { zh: '邪教迷信', en: 'Cult / superstition' },
  other_illegal: { zh: '其他违法', en: 'Other illegal' },
  national_security: { zh: '危害国家安全', en: 'National security' },
  national_honor: { zh: '损害国家荣誉', en: 'National honour' },
  constitution: { zh: '违反宪法原则', en: 'Constitution' },
};

/** The law's own wording (CONTRACT §7), shown as the long description: the server's own table. */
const FULL_ZH: Record<CategoryId, string> = CATEGORY_NAMES_ZH;

export function isCategoryId(id: string): id is CategoryId {
  return (CATEGORY_KEYS as readonly string[]).includes(id);
}

export function categoryName(id: string): string {
  if (!isCategoryId(id)) return id;
  return lang.get() === 'en' ? SHORT[id].en : SHORT[id].zh;
}

export function categoryDescription(id: string): string {
  return isCategoryId(id) ? FULL_ZH[id] : id;
}

/** The keys that pick the categories in the reject chooser, in CATEGORY_KEYS order: the top row, 1 to =. */
const PICK_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '='] as const;
/** The same keys by KeyboardEvent.code, so Shift (for several) does not change them: Shift+1 is "!" but still Digit1. */
const PICK_CODES = ['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9', 'Digit0', 'Minus', 'Equal'];

/** The key that picks the category at `index` of CATEGORY_KEYS in the reject chooser. */
export function categoryKey(index: number): string {
  return PICK_KEYS[index];
}

/** The category index a key press picks, or null: top-row keys by code, numpad digits, and the plain characters. */
export function categoryIndexOfKey(e: Pick<KeyboardEvent, 'code' | 'key'>): number | null {
  const byCode = PICK_CODES.indexOf(e.code);
  if (byCode >= 0) return byCode;
  const numpad = /^Numpad(\d)$/.exec(e.code);
  if (numpad) return (Number(numpad[1]) + 9) % 10;
  const byKey = (PICK_KEYS as readonly string[]).indexOf(e.key);
  return byKey >= 0 ? byKey : null;
}

/** A sub-label's name for people (contact → 联系方式引流); an unknown one shows as its id. */
export function labelName(id: string | null | undefined): string {
  if (!id) return '';
  const name = LABEL_NAMES[id];
  if (!name) return id;
  return lang.get() === 'en' ? name.en : name.zh;
}
