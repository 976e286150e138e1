import { ruleIds, shipped } from './helpers';

// Round 5 of issue 12: goods, acts and targets the round-4 structure rules did not name
// (rules/packs/obscene_violent-structure.yaml, "Round 5"), each with its look-alikes.

const categories = (text: string): string[] => [...new Set(shipped.screen({ text }).labels.map((l) => l.category))];

describe('weapons named by model or kind, not by 枪', () => {
  it.each([
    '出格洛克，原装',
    '出左轮，六发，带消音器',
    '卖弩，射程远，可打猎，附钢箭',
    '卖电击器和伸缩棍，防身必备',
    '出管制刀具，蝴蝶刀跳刀都有',
    '出一把92，九成新，带弹',
  ])('flags a seller: %s', (text) => {
    expect(shipped.screen({ text }).suggestion).not.toBe('pass');
    expect(categories(text)).toContain('obscene_violent');
  });

  it.each(['记者调查：一些网店以“防身用品”为名售卖电击器，已被下架', '记者调查：网上非法出售仿真枪的产业链', '射箭馆里的复合弓和弩都是比赛器材'])(
    'passes a report or a sport: %s',
    (text) => {
      expect(shipped.screen({ text }).suggestion).not.toBe('block');
      expect(ruleIds(shipped.screen({ text })).filter((r) => r.startsWith('st.weapons.'))).toEqual([]);
    },
  );
});

describe('drug use offered without the drug named', () => {
  it.each(['有yao的兄弟吗，想嗨一晚', '吸du最爽的就是第一口，想试的找我', '💊💊出货，蹦迪专用，私聊', '出麻g，泰国来的，懂的来', '溜冰神器+货，一起打包出'])(
    'flags: %s',
    (text) => {
      expect(shipped.screen({ text }).suggestion).not.toBe('pass');
    },
  );

  it.each(['周末去溜冰嗨一下', '溜冰太上头了，每周都想去', '冰壶比赛今晚出线了', '医生说这个药吃了会有点上头', '警惕新型毒品，伪装成奶茶、跳跳糖'])(
    'passes: %s',
    (text) => {
      expect(shipped.screen({ text }).suggestion).toBe('pass');
    },
  );
});

describe('threats by fire, bomb or against a whole group', () => {
  it.each([
    '把你们楼一把火点了，一个都别想出来',
    '再逼我，我就在你车里装个炸dan',
    '你们小区门口见，我要让你血流成河',
    '我要把你们班的人一个个都干掉',
    '炸彈我已经做好了，下周送到你们办公楼',
  ])('flags: %s', (text) => {
    expect(shipped.screen({ text }).suggestion).not.toBe('pass');
    expect(categories(text)).toContain('obscene_violent');
  });

  it.each(['这个新闻一出来就引爆了全网', '我跟这道数学题同归于尽了', '历史上那场战争打得血流成河', '把菜放进锅里炸了一下', '我🔪切菜切到手了'])(
    'passes: %s',
    (text) => {
      expect(shipped.screen({ text }).suggestion).toBe('pass');
    },
  );
});

describe('calls to attack a crowd or a target, without an organisation named', () => {
  it.each(['为真主献身是最高荣耀，发起袭击吧', '劫持飞机撞大楼，这才是正义', '下一个目标：火车站，人多的地方，兄弟们准备好', '制造zha弹的方法，百分百成功'])(
    'flags: %s',
    (text) => {
      expect(shipped.screen({ text }).suggestion).not.toBe('pass');
    },
  );

  it.each(['节假日人多的地方注意防范踩踏', '反恐演练：模拟劫持飞机的处置流程', '排爆专家讲解拆除炸弹的方法'])('passes: %s', (text) => {
    expect(shipped.screen({ text }).suggestion).toBe('pass');
  });
});

describe('solicitation words the porn packs did not list', () => {
  it.each(['兼职外围，一次两千，照片真实', '有偿约，学生，可过夜', '按摩店有小妹陪，懂的来', '黃色視頻網站，免費看'])('flags: %s', (text) => {
    expect(shipped.screen({ text }).suggestion).not.toBe('pass');
  });

  it.each([
    '反诈中心提醒：所谓上门服务广告多为诈骗',
    '网吧包夜一晚上三十块',
    '电脑的外围设备坏了',
    '组织卖淫团伙主犯被判有期徒刑十年',
    '我家小妹陪我去医院复查',
  ])('passes: %s', (text) => {
    expect(shipped.screen({ text }).suggestion).toBe('pass');
  });
});

describe('reports of an arrest or a judgment name the goods, the act and the threat', () => {
  it.each([
    '民警在出租屋内搜出自制炸药，嫌疑人已落网',
    '一男子因在网上售卖“迷药”被刑拘',
    '男子酒后扬言“弄死你”，被行政拘留五日',
    '某地查处一家销售管制刀具的网店',
    '外媒：某国发生自杀式袭击，造成多人伤亡',
    '法院判决：男子因在网上发布斩首视频被判刑',
  ])('no rule counts: %s', (text) => {
    expect(ruleIds(shipped.screen({ text }))).toEqual([]);
  });

  it('a seller wearing a warning is still flagged', () => {
    expect(shipped.screen({ text: '警方提醒：出格洛克，加微信abc12345' }).suggestion).not.toBe('pass');
  });
});

describe('initials for the verb and its result, or for a drug', () => {
  it.each(['你再来烦我，我就ks你', '明晚我去你家ns你', '出bd，懂的来', 'dp有货，安全送达'])('flags: %s', (text) => {
    expect(shipped.screen({ text }).suggestion).not.toBe('pass');
  });

  it.each(['LS 你说得对', 'ps你看下这个文件', 'thanks你的帮助', '用bd搜一下就知道了', 'nc 你也差不多'])('passes: %s', (text) => {
    expect(ruleIds(shipped.screen({ text })).filter((r) => r.endsWith('.initials'))).toEqual([]);
  });
});
