/** The twelve categories of CONTRACT §7: Article 15 items (1)–(9) and clauses 5, 8 and 14. */
export const CATEGORIES = [
  'constitution',
  'national_security',
  'national_honor',
  'ethnic_hatred',
  'religion_cult',
  'rumor',
  'obscene_violent',
  'fraud_insult',
  'other_illegal',
  'malware',
  'advertising',
  'personal_data',
] as const;

export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_NAMES_ZH: Record<Category, string> = {
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

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
