import { createFilter } from '../../rules';
import { createFilterSync } from '../../rules/filter';
import { hitTexts, packDir, ruleIds, shipped } from './helpers';

const casinoPack = packDir({
  'g.yaml': `category: obscene_violent
version: t1
rules:
  - id: t.casino
    label: gambling
    terms: [casino]
  - id: t.bjl
    label: gambling
    pinyin: true
    terms: [百家乐]
  - id: t.sex
    label: porn
    terms: [性交]
  - id: t.signup
    label: gambling
    all: [澳门, 赌场, 注册]
    window: 40
    action: block
  - id: t.qq
    label: contact
    pattern: '(?:QQ|扣扣)[:：]?\\d{5,11}'
  - id: t.img
    hashes: ['ffff0000ffff0000']
    distance: 6
    action: block
allow: [一次性交纳, 澳门旅游]
`,
});
const f = createFilterSync({ rules: [casinoPack], classifier: false, shipped: false });
const screen = (text: string) => f.screen({ id: 'x', text });

describe('keyword matching', () => {
  it.each(['加 薇 信', '加*微*信', '加.微.信', '加😀微信', '加\u200B薇信', '加　薇　信'])('matches %s with inserted separators', (s) => {
    expect(ruleIds(shipped.screen({ text: s }))).toContain('ads.wechat');
  });

  it('reports the exact original span even after normalisation', () => {
    const text = '欢迎来到ＣＡＳＩＮＯ娱乐';
    const v = screen(text);
    const hit = v.labels[0].hits[0];
    expect(text.slice(hit.start, hit.end)).toBe(hit.text);
    expect(hit.text).toBe('ＣＡＳＩＮＯ');
  });

  it('matches c.a.s.i.n.o and c a s i n o but not Musica sinology', () => {
    expect(ruleIds(screen('c.a.s.i.n.o'))).toEqual(['t.casino']);
    expect(ruleIds(screen('visit c a s i n o now'))).toEqual(['t.casino']);
    expect(ruleIds(screen('Musica sinology'))).toEqual([]);
    expect(ruleIds(screen('I like musica sinology a lot'))).toEqual([]);
  });

  it('matches Cyrillic look-alikes and traditional characters', () => {
    expect(ruleIds(screen('саsinо'))).toEqual(['t.casino']);
    expect(ruleIds(screen('百家樂'))).toEqual(['t.bjl']);
  });

  it('ends a hit after the combining marks and keycap of its last character', () => {
    expect(hitTexts(shipped.screen({ text: 'c̲a̲s̲i̲n̲o̲!' }), 'gambling.english')).toEqual(['c̲a̲s̲i̲n̲o̲']);
    expect(hitTexts(shipped.screen({ text: '1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣。' }), 'pd.mobile')).toEqual(['1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣']);
  });

  it('needs whole tokens at the Latin edges of a term that mixes scripts (k粉 is not in ok粉)', () => {
    expect(ruleIds(shipped.screen({ text: '买k粉' }))).toContain('crime.drugs');
    expect(ruleIds(shipped.screen({ text: '女权ok？粉个正经的' }))).not.toContain('crime.drugs');
    expect(ruleIds(shipped.screen({ text: '做个约ppt' }))).toEqual([]);
  });

  it('reports every overlapping match', () => {
    const v = shipped.screen({ text: '澳门赌场' });
    expect(hitTexts(v, 'gambling.general').sort()).toEqual(['澳门赌场', '赌场'].sort());
  });

  it('does not let an allowed phrase produce a hit (一次性交纳 is not 性交)', () => {
    expect(ruleIds(screen('请一次性交纳全部费用'))).toEqual([]);
    expect(ruleIds(screen('性交'))).toEqual(['t.sex']);
  });
});

describe('pinyin', () => {
  it.each(['bai jia le', 'baijiale', 'bǎi jiā lè', 'bai2 jia1 le4', 'BAIJIALE'])('matches 百家乐 written as %s', (s) => {
    expect(ruleIds(screen(`来玩${s}吧`))).toEqual(['t.bjl']);
  });

  it("includes the last syllable's tone digit in the hit", () => {
    expect(hitTexts(screen('来玩bai2jia1le4吧'), 't.bjl')).toEqual(['bai2jia1le4']);
  });

  it('matches initials only as a whole token', () => {
    expect(ruleIds(screen('来玩 bjl 吧'))).toEqual(['t.bjl']);
    expect(ruleIds(screen('abjlx'))).toEqual([]);
  });

  it.each(['百jia乐', 'bai家le', 'baijia乐', '百 jia 乐', 'BAI家乐'])('matches 百家乐 partly written in pinyin as %s, with the exact span', (s) => {
    const text = `来玩${s}吧`;
    expect(ruleIds(screen(text))).toEqual(['t.bjl']);
    expect(hitTexts(screen(text), 't.bjl')).toEqual([s]);
  });

  it('needs the pinyin part of a mixed spelling to be whole Latin tokens', () => {
    expect(ruleIds(screen('百家lex'))).toEqual([]);
    expect(ruleIds(screen('xbai家乐'))).toEqual([]);
  });

  it.each(['6合彩', '⑥合彩', '６合彩', '陆合彩', '6 合 彩'])(
    'matches a term written with Chinese numerals when they are digits or financial forms: %s',
    (s) => {
      const g = createFilterSync({
        rules: [packDir({ 'n.yaml': 'category: obscene_violent\nrules:\n  - id: t.lhc\n    terms: [六合彩, 六四]\n' })],
        classifier: false,
        shipped: false,
      });
      expect(hitTexts(g.screen({ text: `买${s}吗` }), 't.lhc')).toEqual([s]);
      expect(ruleIds(g.screen({ text: '买16合彩吗' }))).toEqual([]);
      // A term of numerals only keeps its Chinese spelling: 64 is every other price.
      expect(ruleIds(g.screen({ text: '一共64元' }))).toEqual([]);
    },
  );

  it('does not match pinyin across Han characters (du … ma is not 赌马)', () => {
    const g = createFilterSync({
      rules: [packDir({ 'm.yaml': 'category: obscene_violent\nrules:\n  - id: t.duma\n    pinyin: true\n    terms: [赌马]\n' })],
      classifier: false,
      shipped: false,
    });
    expect(ruleIds(g.screen({ text: '吸du不是错啊,女,北京,97,16/06/2020 12:42,1,MA' }))).toEqual([]);
    expect(ruleIds(g.screen({ text: '一起 du ma 吧' }))).toEqual(['t.duma']);
    expect(ruleIds(g.screen({ text: '一起赌ma吧' }))).toEqual(['t.duma']);
  });
});

describe('regex and proximity rules', () => {
  it('runs patterns on folded text and maps spans back', () => {
    const text = '联系ＱＱ：１２３４５６７';
    const v = screen(text);
    const hit = v.labels.flatMap((l) => l.hits).find((h) => h.rule === 't.qq');
    expect(hit && text.slice(hit.start, hit.end)).toBe('ＱＱ：１２３４５６７');
  });

  it('fires a proximity rule only when all terms are within the window', () => {
    expect(screen('澳门赌场，现在注册送钱').suggestion).toBe('block');
    expect(ruleIds(screen(`澳门${'很好'.repeat(40)}赌场注册`))).not.toContain('t.signup');
  });
});

describe('scores and suggestion', () => {
  it('blocks when a block rule fires, reviews any other hit, passes otherwise', () => {
    expect(screen('澳门赌场注册').suggestion).toBe('block');
    expect(screen('casino').suggestion).toBe('review');
    expect(screen('今天天气很好').suggestion).toBe('pass');
  });

  it('keeps risk in 0..1 and names the engine', () => {
    const v = screen('casino casino 性交 百家乐');
    expect(v.risk).toBeGreaterThan(0);
    expect(v.risk).toBeLessThanOrEqual(1);
    expect(v.engine.rules).toMatch(/g@t1#[0-9a-f]{12}/);
    expect(v.engine.model).toBe('none');
    expect(v.id).toBe('x');
  });

  it('screens extra fields and names them in hits', () => {
    const v = f.screen({ title: 'casino', fields: { 'images[0].ocr': '百 家 乐' } });
    expect(v.labels.flatMap((l) => l.hits.map((h) => h.field)).sort()).toEqual(['images[0].ocr', 'title']);
  });
});

describe('image hashes', () => {
  it('matches a perceptual hash within the distance and merges it into a verdict', () => {
    const labels = f.matchImage(2, 'ffff0000ffff0003');
    expect(labels).toHaveLength(1);
    expect(labels[0].hits[0].field).toBe('images[2]');
    expect(f.matchImage(0, '0000ffff0000ffff')).toEqual([]);
    const merged = f.addLabels(screen('你好'), labels);
    expect(merged.suggestion).toBe('block');
    expect(merged.labels).toHaveLength(1);
  });
});

describe('shipped packs', () => {
  it('validate resident ID numbers by checksum', () => {
    expect(ruleIds(shipped.screen({ text: '身份证11010519491231002X' }))).toContain('pd.id-card');
    expect(ruleIds(shipped.screen({ text: '身份证110105194912310021' }))).not.toContain('pd.id-card');
  });

  it.each(['110105 19491231 002X', '1101 0519 4912 3100 2X', '110105-19491231-002x'])('find a resident ID number in any grouping: %s', (id) => {
    expect(hitTexts(shipped.screen({ text: `身份证 ${id} 。` }), 'pd.id-card')).toEqual([id]);
  });

  it('validate bank cards with Luhn', () => {
    expect(ruleIds(shipped.screen({ text: '卡号 6222 0212 3456 7894' }))).toContain('pd.bank-card');
    expect(ruleIds(shipped.screen({ text: '卡号 6222 0212 3456 7895' }))).not.toContain('pd.bank-card');
  });

  it('find mainland mobile numbers and e-mail addresses', () => {
    expect(ruleIds(shipped.screen({ text: '电话 138-1234-5678' }))).toContain('pd.mobile');
    expect(ruleIds(shipped.screen({ text: 'mail me: zhang.san@example.com' }))).toContain('pd.email');
  });

  it('block the EICAR test string', () => {
    const v = shipped.screen({ text: 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' });
    expect(v.suggestion).toBe('block');
    expect(ruleIds(v)).toEqual(['mal.eicar']);
  });

  it('catch contact stuffing and job lures', () => {
    expect(ruleIds(shipped.screen({ text: '兼职日赚300，加v：abc12345' }))).toEqual(expect.arrayContaining(['ads.lure-job', 'ads.wechat-id']));
    expect(ruleIds(shipped.screen({ text: '专业代开发票' }))).toContain('ads.invoice');
  });

  it.each([
    ['加我一三八一二三四五六七八', 'ads.phone-numerals'],
    ['电话 幺三八 幺二三四 五六七八', 'ads.phone-numerals'],
    ['V❤：abc123', 'ads.wechat-id-short'],
    ['薇：wxid_abc123', 'ads.wechat-id-short'],
    ['q q 1 2 3 4 5 6 7 8 9', 'ads.qq'],
    ['邮箱 zhangsan(at)qq.com', 'pd.email-obfuscated'],
    ['邮箱 zhangsan#163点com', 'pd.email-obfuscated'],
    ['1 3 8 1 2 3 4 5 6 7 8', 'pd.mobile'],
    ['１３８－１２３４－５６７８', 'pd.mobile'],
    ['Tel: 138.1234.5678', 'ads.phone'],
    ['扣 扣 12345678', 'ads.qq'],
    ['微 信 号：abc12345', 'ads.wechat-short'],
    ['薇❤信：abc12345', 'ads.wechat-short'],
    ['加我薇芯abc12345', 'ads.wechat-short'],
    ['网址 abc . com', 'ads.url-obfuscated'],
    ['微 信：abc12345', 'ads.wechat-id'],
    ['加群 123456789', 'ads.qq'],
    ['戳这里 t.cn/A6abcDe', 'ads.short-url'],
    ['有没有无痛自杀的方法，想一起自杀的私我', 'violence.self-harm'],
    ['玩菠菜的来，菠菜担保平台', 'gambling.promotion'],
    ['高价收卡，出售银行卡', 'crime.trade'],
    ['同城小姐服务', 'porn.solicitation'],
    ['加我薇❤ kj_laoshi', 'ads.wechat-id-bare'],
    ['一批临期猫粮五折清，薇 lq_chongwu', 'ads.wechat-id-bare'],
    ['陪练都接，扣：四四七二零一九八六', 'ads.contact-numerals'],
    ['上门回收，电话：壹贰陆 伍伍零捌 叁贰柒壹', 'ads.contact-numerals'],
    ['二手教材，Q：1 9 3 八 四 七 〇 二 五', 'ads.contact-numerals'],
    ['每天都发福利，纸飞机搜 @fuli_zone77', 'ads.foreign-channel'],
    ['有興趣加我Line ID: moneyup_889', 'ads.foreign-channel'],
    ['需要的WhatsApp: +61 4OO 882 193', 'ads.foreign-channel'],
    ['TG群 t.me/bb_coin_qun8', 'ads.foreign-channel'],
  ])('catch obfuscated contact details and listed phrases: %s', (text, rule) => {
    expect(ruleIds(shipped.screen({ text }))).toContain(rule);
  });

  it.each([
    ['vivo x100手机拍照不错', 'ads.wechat-id-bare'],
    ['wx_pay 回调失败，谁知道怎么排查', 'ads.wechat-id-bare'],
    ['电话一直打不通，急死了', 'ads.contact-numerals'],
    ['q一下三个人，今晚开黑', 'ads.contact-numerals'],
    ['扣了三四五六七八分，这次考砸了', 'ads.contact-numerals'],
    ['权威发布：二〇二六年一二三号文件', 'ads.wechat-id-bare'],
    ['坐飞机去上海，航班号 mu5101', 'ads.foreign-channel'],
    ['I got a call from a landline number.', 'ads.foreign-channel'],
    ["Just send a text. We'll skype later.", 'ads.foreign-channel'],
  ])('leave ordinary mentions of apps, numbers and calls alone: %s', (text, rule) => {
    expect(ruleIds(shipped.screen({ text }))).not.toContain(rule);
  });

  it.each([
    '一三五七九，二四六八十',
    '价格一五八元',
    '版本 v:1.2.3',
    '第一三八页',
    '1 2 3 4 5 6 7 8 9 0 1',
    '第 1 3 8 页',
    '微博：abcdefg',
    '他在村里很有威信',
    'I went to t.cn and back',
    '加群聊天',
  ])('leave look-alike ordinary text alone: %s', (text) => {
    expect(ruleIds(shipped.screen({ text }))).toEqual([]);
  });

  it('cover all twelve categories', () => {
    expect(Object.values(shipped.info.counts).every((n) => n > 0)).toBe(true);
    // Each pack states its release (2025.4, 2026.1 …), never the content-hash default.
    for (const p of shipped.info.packs) expect(p.version).toMatch(/^\d{4}\.\d+$/);
  });
});

describe('createFilter', () => {
  it('is the async library entry point over shipped packs plus extra folders', async () => {
    const lib = await createFilter({ rules: [casinoPack], classifier: false });
    expect(ruleIds(lib.screen({ text: '百家乐 加微信' }))).toEqual(['ads.wechat', 'gambling.baccarat', 't.bjl']);
  });

  it('stays linear on a 50,000-character item', () => {
    const text = '加微信'.repeat(5000) + '正常的中文内容'.repeat(5000);
    const v = shipped.screen({ text });
    expect(v.labels[0].hits.length).toBeLessThanOrEqual(50);
  });
});
