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

/** The law's own wording (CONTRACT §7), shown as the long description. */
const FULL_ZH: Record<CategoryId, string> = {
  constitution: '反对宪法所确定的基本原则',
  national_security: '危害国家安全，泄露国家秘密，颠覆国家政权，破坏国家统一',
  national_honor: '损害国家荣誉和利益',
  ethnic_hatred: '煽动民族仇恨、民族歧视，破坏民族团结',
  religion_cult: '破坏国家宗教政策，宣扬邪教和封建迷信',
  rumor: '散布谣言，扰乱社会秩序，破坏社会稳定',
  obscene_violent: '淫秽、色情、赌博、暴力、凶杀、恐怖或者教唆犯罪',
  fraud_insult: '诈骗、侮辱或者诽谤他人',
  other_illegal: '法律、行政法规禁止的其他内容',
  malware: '计算机病毒等破坏性程序',
  advertising: '商业广告、垃圾信息',
  personal_data: '个人信息泄露',
};

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
