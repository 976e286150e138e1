/**
 * Names of the sub-labels (`labels[].label` in a verdict) for people: every label the shipped packs, the
 * classifier and the image stage use. The review UI shows these instead of the ids; an id missing here shows
 * as itself (a tenant's own packs may add labels). test/rules/labels.test.ts keeps the shipped packs covered.
 */
export const LABEL_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  // advertising
  contact: { zh: '联系方式引流', en: 'contact details' },
  spam: { zh: '垃圾信息', en: 'spam' },
  link: { zh: '推广链接', en: 'promotional link' },
  url: { zh: '网址', en: 'web address' },
  marketing: { zh: '营销推广', en: 'marketing' },
  recruiting: { zh: '刷单兼职招募', en: 'scam job recruiting' },
  loan: { zh: '贷款推广', en: 'loan offer' },
  gambling_promo: { zh: '博彩推广', en: 'gambling promotion' },
  invoice: { zh: '代开发票', en: 'fake invoices' },
  certificate: { zh: '办证', en: 'fake certificates' },
  chain_letter: { zh: '诱导转发', en: 'chain letter' },
  // obscene_violent (Article 15 item 7)
  porn: { zh: '色情', en: 'pornography' },
  gambling: { zh: '赌博', en: 'gambling' },
  violence: { zh: '暴力', en: 'violence' },
  terror: { zh: '恐怖', en: 'terrorism' },
  crime: { zh: '教唆犯罪', en: 'incitement to crime' },
  drugs: { zh: '毒品', en: 'drugs' },
  weapons: { zh: '枪支弹药爆炸物', en: 'weapons and explosives' },
  wildlife: { zh: '野生动物交易', en: 'wildlife trade' },
  tobacco: { zh: '烟草走私', en: 'tobacco smuggling' },
  exam_cheating: { zh: '考试作弊', en: 'exam cheating' },
  // constitution, national_security, national_honor, ethnic_hatred, religion_cult (items 1–5)
  overthrow: { zh: '颠覆政权', en: 'subversion of the state' },
  subversion: { zh: '颠覆破坏', en: 'subversion' },
  separatism: { zh: '分裂国家', en: 'separatism' },
  incitement: { zh: '煽动', en: 'incitement' },
  symbols: { zh: '侮辱国家象征', en: 'insulting national symbols' },
  heroes: { zh: '侮辱英烈', en: 'insulting heroes and martyrs' },
  slur: { zh: '歧视性称呼', en: 'slur' },
  cult: { zh: '邪教', en: 'cult' },
  superstition: { zh: '封建迷信', en: 'superstition' },
  // fraud_insult (item 8)
  fraud: { zh: '诈骗', en: 'fraud' },
  insult: { zh: '侮辱', en: 'insult' },
  defamation: { zh: '诽谤', en: 'defamation' },
  // personal_data
  phone: { zh: '电话号码', en: 'phone number' },
  email: { zh: '电子邮箱', en: 'e-mail address' },
  id_number: { zh: '身份证号', en: 'ID card number' },
  bank_card: { zh: '银行卡号', en: 'bank card number' },
  doxxing: { zh: '人肉搜索', en: 'doxxing' },
  // malware (text rules and the image stage)
  destructive: { zh: '破坏性程序', en: 'destructive program' },
  dropper: { zh: '恶意下载', en: 'dropper' },
  tool: { zh: '攻击工具', en: 'attack tool' },
  test_signature: { zh: '测试病毒特征', en: 'test signature' },
  eicar: { zh: 'EICAR 测试病毒', en: 'EICAR test file' },
  executable: { zh: '可执行文件', en: 'executable' },
  archive: { zh: '压缩包', en: 'archive' },
  script: { zh: '脚本', en: 'script' },
  document: { zh: '文档', en: 'document' },
  appended_data: { zh: '图片后附加数据', en: 'data appended to the image' },
  embedded_script: { zh: '图片内嵌脚本', en: 'script inside the image' },
  unverified: { zh: '无法验证', en: 'could not be verified' },
  // the screen worker's own findings
  missing_image: { zh: '图片缺失', en: 'image missing' },
  unanalysed_image: { zh: '图片未分析', en: 'image not analysed' },
};
