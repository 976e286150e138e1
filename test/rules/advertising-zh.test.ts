import type { Verdict } from '../../rules/types';
import { shipped } from './helpers';

/** The labels of the advertising category in a verdict (marketing, recruiting, loan, …). */
function adLabels(v: Verdict): string[] {
  return v.labels.filter((l) => l.category === 'advertising').map((l) => l.label ?? '');
}

describe('Chinese advertising (advertising-zh.yaml)', () => {
  it.each([
    ['marketing', '【优衣库】会员日全场8折起，满300减50，戳 t.cn/A6xYz12 回T退订'],
    ['marketing', '尊敬的会员您好，本店春装新品已全面上市，3月8日至10日全场8折起，欢迎光临选购！'],
    ['marketing', '新店开业，全场菜品八八折，酒水免费畅饮，欢迎新老顾客光临品尝！'],
    ['marketing', '亲爱的顾客：xx专柜x月x日至x日店庆，全场x折，买满xxx送xxx，期待您的光临！'],
    ['marketing', '您的50元无门槛优惠券已放入账户，今晚24点过期，拒收请回复R'],
    ['marketing', '【孩子王口腔】种植牙8000元一颗，矫正半价，老人节特惠，020-76079985'],
    ['marketing', '感恩节回馈老顾客，凭此短信到店消费可享九折优惠并赠送精美礼品一份。'],
    ['recruiting', '招聘兼职刷单员，手机操作，一单一结，日赚300'],
    ['recruiting', '宝妈在家兼职，带娃赚钱两不误，日结200元，不收任何费用'],
    ['recruiting', '抖音点赞员招募，点一个赞赚3元，扫码进群领任务'],
    ['loan', '急用钱？无抵押信用贷款，额度5万，秒批秒到账，黑户也可以办'],
    ['loan', '【XX金融】您有一笔5万元备用金待领取，最快3分钟到账'],
    ['gambling_promo', '推荐一个靠谱的菠菜平台，首充送彩金，提款秒到'],
    ['gambling_promo', '百家乐真人荷官在线发牌，日返水1.5%'],
    ['invoice', '本公司代开各类发票，增值税专票普票，点数低，可查验'],
    ['invoice', 'dai kai fa piao，各类都有，可验证'],
    ['invoice', 'DKFP 各类票据'],
    ['invoice', '有需要开票的吗？13个点，专票可抵扣'],
    ['certificate', '代办本科学历，学信网可查，不用考试'],
  ])('%s: %s', (label, text) => {
    expect(adLabels(shipped.screen({ text }))).toContain(label);
  });

  it.each([
    ['a verification code', '【招商银行】验证码384756，您正在进行网上支付，切勿告知他人。'],
    ['a delivery notice', '【顺丰速运】您的快递已到菜鸟驿站，取件码5-2-3011，请于今日21:00前取件。'],
    ['a bank transaction alert', '【工商银行】您尾号1234的储蓄卡12月5日14:30支出人民币258.00元，余额3021.55元。'],
    ['a friend recommending a restaurant', '你上次问的那家火锅店叫海底捞，在万达旁边，味道不错，周末可以去试试。'],
    ['a refund notice', '【淘宝】您的退款129.00元已原路退回，预计1-3个工作日到账。'],
    ['a happy shopper', '今天打折买了件衣服，真开心！'],
    ['a shopper who used a coupon', '老公，商场店庆满500减100，我买了件大衣才花了六百多。'],
    ['a receipt with a red packet', '【美团】您的订单已完成，本单使用红包5元，欢迎再次光临。'],
    ['an order confirmation', '【京东】您的订单已出库，满减优惠已生效，实付129元。'],
    ['a student with a tutoring job', '我找了个家教兼职，每周末两次，还挺好的。'],
    ['a warning about job scams', '找兼职的同学看过来，先交钱的一律是骗子！'],
    ['an anti-fraud notice', '【国家反诈中心】警惕！凡是让你先垫付的兼职都是诈骗，请下载国家反诈中心APP。'],
    ['a police warning about loans', '【公安提醒】“无抵押秒批贷款”“先交保证金”都是诈骗，切勿轻信。'],
    ['a warning about gambling', '网络赌博不是稳赚不赔，所谓导师带单都是骗局。'],
    ['talk about mortgages', '公积金贷款利率比商业贷款低不少，能用就用。'],
    ['a bank loan notice', '【建设银行】您的贷款本月应还3280.00元，将于12月10日从尾号1234账户扣款。'],
    ['talk about invoices', '公司报销需要发票，记得找商家开个电子发票。'],
    ['talk about exams', '考试包过是不可能的，好好复习吧。'],
    ['a lottery joke', '买彩票就是图个乐子，千万别沉迷。'],
  ])('leaves alone %s', (_what, text) => {
    expect(adLabels(shipped.screen({ text }))).toEqual([]);
  });

  describe('borderline cases, decided', () => {
    it('找兼职的同学看过来 alone is an ordinary call, with pay and a contact it is recruiting', () => {
      expect(adLabels(shipped.screen({ text: '找兼职的同学看过来' }))).toEqual([]);
      expect(adLabels(shipped.screen({ text: '找兼职的同学看过来，日结200，加我微信详聊' }))).toContain('recruiting');
    });

    it('a 【sender】 tag alone is not advertising, a tag before a concrete offer is', () => {
      expect(adLabels(shipped.screen({ text: '【中国移动】您已成功充值50元，当前余额68.20元。' }))).toEqual([]);
      expect(adLabels(shipped.screen({ text: '【中国移动】充100送50，仅限本周' }))).toContain('marketing');
    });

    it('an opt-out line is marketing even when quoted in talk (rare; accepted)', () => {
      expect(adLabels(shipped.screen({ text: '现在的营销短信太多了，回T退订也没用。' }))).toEqual(['marketing']);
    });
  });

  it('one cue alone stays unlabelled; two cues give a review label', () => {
    const one = shipped.screen({ text: '全场8折' });
    const two = shipped.screen({ text: '全场8折，欢迎光临，回T退订' });
    expect(adLabels(one)).toEqual([]);
    expect(two.suggestion).toBe('review');
    expect(two.risk).toBeGreaterThanOrEqual(0.8);
  });

  it('hits point at the original text, full-width and traditional forms included', () => {
    const text = '【某店】全場８折起，歡迎光臨！回Ｔ退訂';
    const v = shipped.screen({ text });
    const hits = v.labels.filter((l) => l.category === 'advertising').flatMap((l) => l.hits);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.text);
  });
});
