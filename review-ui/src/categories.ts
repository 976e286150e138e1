import { CATEGORY_NAMES_ZH } from '../../rules/categories';
import { lang } from './i18n';

/** The twelve categories of CONTRACT §7, in key order: the ones moderators use most get the digits 1–9. */
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

/** The digit that picks a category in the reject chooser: 1–9, then 0 for the tenth; the rest by click. */
export function categoryKey(index: number): string | null {
  if (index < 9) return String(index + 1);
  if (index === 9) return '0';
  return null;
}
