import { loadDefaultModel } from '../../rules/classifier';
import { FeatureExtractor, type FeatureOptions } from '../../rules/classifier/features';
import { createFilterSync } from '../../rules/filter';
import type { TextModel } from '../../rules/classifier/types';

const model = loadDefaultModel() as TextModel;

const insult = (text: string) => model.predict(text).find((p) => p.label === 'insult')!.score;
const spam = (text: string) => model.predict(text).find((p) => p.category === 'advertising')!.score;

describe('Latin letters inside words are not insults (features.latinWords)', () => {
  const opts: FeatureOptions = { bits: 20, charOrders: [1, 2, 3], words: false, wordBigrams: false, cues: true, lexicon: true, latinWords: true };
  const buckets = (fx: FeatureExtractor, text: string) => new Set(fx.idx.slice(0, fx.extract(text)));

  it('gives "sb" inside a word none of the features of the word "sb"', () => {
    const fx = new FeatureExtractor(opts, null);
    // What "sb" has as a word and not as letters inside one: the whole-word bigram and the insult-lexicon cue.
    const inWord = buckets(fx, 'xsbx');
    const word = [...buckets(fx, 'sb')].filter((b) => !inWord.has(b));
    expect(word.length).toBeGreaterThanOrEqual(2);
    for (const text of ['usb', 'lsbxxx', 'jsb', 'usb-c', 'dsb3', '我的usb接口坏了']) {
      const got = buckets(fx, text);
      expect(word.filter((b) => got.has(b))).toEqual([]);
    }
  });

  it('still shares the features of "sb" standing on its own among Chinese characters or other words', () => {
    const fx = new FeatureExtractor(opts, null);
    const bare = [...buckets(fx, 'sb')];
    for (const text of ['你sb吧', '你是 sb', 'sb!']) {
      const got = buckets(fx, text);
      expect(bare.every((b) => got.has(b))).toBe(true);
    }
  });

  it('keeps models trained without the option unchanged ("sb" in "usb" shares the bigram there)', () => {
    const fx = new FeatureExtractor({ ...opts, latinWords: false }, null);
    const bare = buckets(fx, 'sb');
    const inside = buckets(fx, 'usb');
    expect([...bare].some((b) => inside.has(b))).toBe(true);
  });

  it.each([
    '我的USB接口坏了',
    '我的usb接口坏了',
    '买了根usb-c的线，充电很快',
    'USB3.0集线器哪个牌子好',
    '这个Lsbxxx型号的零件缺货',
    'const jsb = require("jsb")',
    'Dsb模块在配置文件里关掉就行',
    'tmdb上这部电影评分很高',
    'nmslib做向量检索挺快的',
  ])('does not call %s an insult', (text) => {
    expect(insult(text)).toBeLessThan(0.5);
  });

  it.each(['你就是个sb', 'sb东西滚远点', '你个傻逼'])('still calls %s an insult', (text) => {
    expect(insult(text)).toBeGreaterThanOrEqual(0.5);
  });
});

/*
 * Written for this test (not in any training file): Chinese advertising of the kinds the issue names,
 * and ordinary text messages and comments that share vocabulary with it.
 */
const ADS = [
  '【惠多多】周年庆全场低至3折，进店再领50元无门槛券，戳 t.cn/Rk29xQ 抢购，回T退订',
  '急招手机兼职刷单员，一单一结，日赚300元以上，有意者加微信 sd20261',
  '无需抵押，凭身份证可贷5万，当天到账，不查征信，详询 139****8812',
  '新用户注册即送88元彩金，推荐平台，稳定出款，点击 ag88.vip 立即体验',
];
const ORDINARY_SMS = [
  '【建设银行】您尾号3321的账户12月06日10:15转入人民币2,000.00元，余额5,230.14元。',
  '您的验证码是739104，10分钟内有效，如非本人操作请忽略。',
  '【中通快递】您的包裹已到菜鸟驿站，取件码 3-2-5017，请凭码取件。',
  '晚上我去接孩子，你早点回家做饭吧',
  '【市一医院】您预约的周三下午2点口腔科门诊已成功，请提前15分钟到达。',
  '老板说明天的会推迟到下午，资料先别打印',
];
const ORDINARY_POSTS = ['这家店打折的时候买的，质量还可以，就是发货慢', '提醒一下：网上说先交押金再刷单返利的都是骗局', '我的USB接口坏了，插鼠标没反应怎么办'];

describe('Chinese spam head', () => {
  it.each(ADS)('scores the advertisement %s as advertising/spam', (text) => {
    const p = model.predict(text).find((x) => x.category === 'advertising')!;
    expect(p.label).toBe('spam');
    expect(p.score).toBeGreaterThanOrEqual(0.5);
  });

  it.each([...ORDINARY_SMS, ...ORDINARY_POSTS])('does not score the ordinary message %s as spam', (text) => {
    expect(spam(text)).toBeLessThan(0.5);
  });

  it('gives a Chinese advertisement an advertising/spam label through the filter, and an ordinary SMS none from the classifier', () => {
    const filter = createFilterSync({ shipped: false });
    const ad = filter.screen({ text: ADS[1] });
    expect(ad.labels.some((l) => l.category === 'advertising' && l.label === 'spam' && /classifier/.test(l.reason ?? ''))).toBe(true);
    for (const text of ORDINARY_SMS) {
      const v = filter.screen({ text });
      expect(v.labels.filter((l) => /classifier/.test(l.reason ?? ''))).toEqual([]);
    }
  });
});
