import { mixedForms, soundAlikeForms } from '../../rules/pinyin';
import { normalise } from '../../rules/normalise';
import { numeralForms } from '../../rules/numerals';
import { ruleIds, shipped } from './helpers';

// Round 4 of issue 12: evasion MECHANISMS rather than wordings (rules/README.md, "Evasions"): goods
// emoji read as the goods, sound-alike and split spellings of pinyin terms, 死 as 4, context and except
// phrases found across separators, and the structural rules of obscene_violent-structure.yaml.

describe('goods emoji are read as the characters they stand for', () => {
  it('folds 🔫 🧊 💊 💣, and leaves other emoji separators', () => {
    expect(normalise('出🔫').text).toBe('出枪');
    expect(normalise('🧊到货').text).toBe('冰到货');
    expect(normalise('💣').text).toBe('炸弹');
    expect(normalise('加😀微信').text).toBe('加微信');
    expect(normalise('我🔪要🔪杀🔪了🔪你').text).toBe('我要杀了你');
  });

  it.each(['出🔫，带子弹，包邮', '🧊到货了，私聊'])('flags a seller post: %s', (text) => {
    expect(shipped.screen({ text }).suggestion).not.toBe('pass');
  });

  it.each(['热死了想吃🧊', '夏天来杯🧊美式', '孩子的🔫是玩具店买的水枪'])('passes decoration: %s', (text) => {
    expect(ruleIds(shipped.screen({ text }))).toEqual([]);
  });
});

describe('sound-alike and split spellings of pinyin terms', () => {
  it('swaps one character at a time and splits characters into components', () => {
    const forms = soundAlikeForms('冰毒');
    expect(forms).toEqual(expect.arrayContaining(['兵毒', '冰独']));
    expect(soundAlikeForms('手枪')).toEqual(expect.arrayContaining(['手抢', '手木仓']));
    expect(mixedForms('冰毒')).toEqual(expect.arrayContaining(['兵毒', 'bing毒']));
  });

  it('leaves out forms that are everyday words, and single characters', () => {
    expect(soundAlikeForms('出冰')).not.toContain('出兵');
    expect(soundAlikeForms('炸弹')).not.toContain('炸蛋');
    expect(soundAlikeForms('枪')).toEqual([]);
  });

  it.each(['出兵毒，私聊', '卖嗨洛因，同城', '出木仓支，私聊'])('flags %s', (text) => {
    expect(shipped.screen({ text }).suggestion).not.toBe('pass');
  });

  it.each(['不出兵杀三个沙蛇以此夺位？', '双十一出手抢购，价格优惠'])('passes %s', (text) => {
    expect(ruleIds(shipped.screen({ text }))).toEqual([]);
  });
});

describe('死 written as 4 inside a term', () => {
  it('adds the digit form only between two characters', () => {
    expect(numeralForms('砍死你')).toContain('砍4你');
    expect(numeralForms('去死')).toEqual([]);
  });
});

describe('context and except phrases across separators', () => {
  it('finds a trade cue written with spaces', () => {
    expect(shipped.screen({ text: '有需要冰毒的，私 聊' }).suggestion).not.toBe('pass');
  });

  it('finds a news cue written with spaces', () => {
    expect(ruleIds(shipped.screen({ text: '警 方 缴获冰毒，出售者已被抓获' })).filter((r) => r.startsWith('st.'))).toEqual([]);
  });
});

describe('structural rules (obscene_violent-structure.yaml)', () => {
  it.each([
    ['我一定会毒死他', 'st.threat.verb-result-person'],
    ['kan si ta，我说到做到', 'st.threat.verb-result-person'],
    ['让你死得很难看', 'st.threat.let-die'],
    ['出步枪，全套', 'st.weapons.gun-trade'],
    ['恐袭干得漂亮', 'st.terror.act-stance'],
    ['制造炸药教程', 'st.terror.device-howto'],
  ])('%s fires %s and goes to review', (text, rule) => {
    const v = shipped.screen({ text });
    expect(ruleIds(v)).toContain(rule);
    expect(v.suggestion).not.toBe('pass');
  });

  it('adds no block to a threat the shipped rules already score', () => {
    expect(shipped.screen({ text: '我要杀了你' }).suggestion).toBe('review');
  });

  it.each([
    '这把游戏我把他打死了',
    '你先把鱼杀了放血',
    '帮我砍一刀',
    '我要杀了这个bug',
    '筋膜枪九成新出',
    '谴责恐袭，哀悼遇难者',
    '服务器崩了你们快看看',
    '奶茶要冰的，第二杯半价优惠',
    '周末带女儿去溜冰，她摔了也不哭。',
    '和搞文字狱一样，要把人拖出来枪决',
  ])('passes %s', (text) => {
    expect(ruleIds(shipped.screen({ text })).filter((r) => r.startsWith('st.'))).toEqual([]);
  });
});
