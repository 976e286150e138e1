import type { ScreenInput, Verdict } from '../../rules/types';
import { ruleIds, shipped } from './helpers';

// The shipped packs (rules only, no classifier) on harmful posts of the families the tune.* packs
// cover, written as users and spammers write them, and on ordinary posts that merely look alike.
// These texts were written for this file; none is copied from data/tuning/families-dev.jsonl.

type Family = 'threat' | 'weapons' | 'drugs' | 'porn' | 'terror' | 'fraud';

const expected: Record<Family, { category: string; label: string }> = {
  threat: { category: 'obscene_violent', label: 'violence' },
  weapons: { category: 'obscene_violent', label: 'weapons' },
  drugs: { category: 'obscene_violent', label: 'drugs' },
  porn: { category: 'obscene_violent', label: 'porn' },
  terror: { category: 'obscene_violent', label: 'terror' },
  fraud: { category: 'fraud_insult', label: 'fraud' },
};

const harmful: Array<[Family, string]> = [
  ['threat', '你敢再骂我一句，明天我就去你店里捅死你'],
  ['threat', '等着，今晚就烧了你们家'],
  ['threat', '我要杀了你们这群人渣，一个都跑不了'],
  ['threat', '下周我带刀去他公司，把那个经理砍了'],
  ['threat', '再不还钱我就拉几个垫背的一起死'],
  ['threat', '我要 s h a 了你'],
  ['threat', '老子早晚弄死他'],
  ['weapons', '出仿真手枪，金属，可发射，私聊'],
  ['weapons', '气狗 全新 顺丰发'],
  ['weapons', '雷管 炸药 现货 量大优惠 加微'],
  ['weapons', '出 手 枪 ，懂 的 来'],
  ['weapons', '自制炸药的配方教程，需要的留言'],
  ['drugs', '出冰，同城可送'],
  ['drugs', '有需要麻古的私聊我，货好'],
  ['drugs', '出 K 粉 ，价格美丽'],
  ['drugs', '卖叶子，纯天然，懂的来'],
  ['porn', '高端外围 预约 一晚 3000'],
  ['porn', '无码 高清 资源 私聊发你'],
  ['porn', 'yp 同城 妹子 多'],
  ['terror', '兄弟们 加入 ISIS 为真主而战'],
  ['terror', '恐怖分子都是英雄，我支持他们'],
  ['terror', '准备去人多的地方放炸弹'],
  ['fraud', '招刷单员，日结，先垫付后返款'],
  ['fraud', '代 开 发 票，各类都有'],
  ['fraud', '【某银行】您的账户已被冻结，请点击链接 xx-bank.top 验证身份'],
  ['fraud', '收购银行卡，一张800，长期收'],
  ['fraud', 'dai kai fa piao 点数低'],
];

const lookalikes: string[] = [
  '笑死，我要被这个段子杀死了',
  '游戏里我明天就去砍死那个boss',
  '把这条鱼杀了，晚上红烧',
  '电脑卡了，用任务管理器把进程杀了',
  '警方通报：一男子扬言要烧了邻居家，已被拘留',
  '公安机关缴获雷管炸药一批',
  '禁毒宣传：溜冰就是吸食冰毒，远离毒品',
  '周末带孩子去溜冰场溜冰',
  '冰壶比赛今晚直播',
  '出冰箱的时候把门关好',
  '这部纪录片讲述了九一一恐怖袭击事件',
  '反诈提醒：刷单返利都是诈骗，先垫付的都是骗局',
  '快递丢了，客服已经帮我理赔了',
  '家电维修师傅上门很及时',
  '邮票收藏交流会下周举办',
  '热熔胶枪怎么用',
];

// Look-alikes that rules outside the tune.* packs still flag (weapons.sale, terror.recruitment,
// ads.invoice, pd.doxxing): listed for the packs' owners; the tune.* rules must stay silent on them.
const flaggedByOtherPacks: string[] = [
  '民警提醒：出售仿真枪属违法行为',
  '圣战士星矢第二季什么时候出',
  '税务部门提醒：代开发票是违法行为',
  '床上用品四件套打折',
];

function screenOf(text: string): Verdict {
  const input: ScreenInput = { text };
  return shipped.screen(input);
}

describe('harmful posts in the tuned families', () => {
  it.each(harmful)('flags a %s post under the right category: %s', (family, text) => {
    const v = screenOf(text);
    expect(v.suggestion).not.toBe('pass');
    expect(v.labels).toEqual(expect.arrayContaining([expect.objectContaining(expected[family])]));
  });

  it('finds a threat split between title and text', () => {
    const v = shipped.screen({ title: '你给我记住', text: '明天就去你单位捅死你' });
    expect(v.labels).toEqual(expect.arrayContaining([expect.objectContaining(expected.threat)]));
  });

  it('blocks a pinyin threat against a whole family', () => {
    expect(screenOf('wo yao sha le ni quan jia').suggestion).toBe('block');
  });
});

describe('ordinary posts that look alike', () => {
  it.each(lookalikes)('passes: %s', (text) => {
    const v = screenOf(text);
    expect(ruleIds(v)).toEqual([]);
    expect(v.suggestion).toBe('pass');
  });
});

describe('look-alikes other packs still flag', () => {
  it.each(flaggedByOtherPacks)('no tune.* rule fires on: %s', (text) => {
    expect(ruleIds(screenOf(text)).filter((id) => id.startsWith('tune.'))).toEqual([]);
  });
});
