import * as fs from 'node:fs';
import * as path from 'node:path';
import { createFilterSync } from '../../rules/filter';
import { parsePack, RulePackError } from '../../rules/packs';
import type { ScreenInput, Verdict } from '../../rules/types';
import { hitTexts, packDir, ruleIds, shipped } from './helpers';

/** Every hit's text is the slice of its field it names (CONTRACT §6). */
function expectExactOffsets(input: ScreenInput, v: Verdict): void {
  const fields: Record<string, string | undefined> = { title: input.title, text: input.text, ...input.fields };
  for (const l of v.labels) for (const h of l.hits) expect(fields[h.field]?.slice(h.start, h.end)).toBe(h.text);
}

const conditionPack = packDir({
  'c.yaml': `category: obscene_violent
version: t1
rules:
  - id: t.short
    label: porn
    boundary: word
    pinyin: true
    terms: [色图]
  - id: t.ice
    label: crime
    boundary: word
    terms: [冰]
  - id: t.ice-deal
    label: crime
    context: [买, 卖, 出, 货, 克]
    contextWindow: 4
    terms: [溜冰]
  - id: t.shop-name
    label: gambling
    except: [超市, 家具]
    contextWindow: 4
    terms: [百家乐]
`,
});
const cf = createFilterSync({ rules: [conditionPack], classifier: false, shipped: false });
const screen = (text: string): Verdict => cf.screen({ text });

describe('boundary: word', () => {
  it.each(['蓝色图片', '绿色图标', '特色图书', '出色图表', '彩色图案', '藍色圖片', '蓝色 图片'])('leaves 色图 inside %s alone', (text) => {
    expect(ruleIds(screen(text))).toEqual([]);
  });

  it.each(['来点色图', '求色图', '色图群', '发几张色图看看', 'se tu'])('fires on a word boundary: %s', (text) => {
    expect(ruleIds(screen(text))).toEqual(['t.short']);
  });

  it('keeps offsets exact when the hit needed normalisation', () => {
    const input = { text: '有没有 色\u200b圖 分享' };
    const v = cf.screen(input);
    expect(hitTexts(v, 't.short')).toEqual(['色\u200b圖']);
    expectExactOffsets(input, v);
  });

  it('leaves 冰 in 冰糖 and 冰箱 alone but not 冰 on its own', () => {
    expect(ruleIds(screen('夏天来一杯冰糖雪梨，冰箱里还有'))).toEqual([]);
    expect(ruleIds(screen('有冰吗'))).toEqual(['t.ice']);
  });

  it('checks every hit of a field on its own', () => {
    const v = screen('蓝色图片和色图');
    expect(v.labels[0].hits.map((h) => h.start)).toEqual([5]);
  });
});

describe('context and except', () => {
  it('needs a context phrase within the window', () => {
    expect(ruleIds(screen('周末去溜冰'))).toEqual([]);
    expect(ruleIds(screen('想溜冰的找我出货'))).toEqual(['t.ice-deal']);
    expect(ruleIds(screen('买点溜冰'))).toEqual(['t.ice-deal']);
  });

  it('drops a hit with an except phrase within the window', () => {
    expect(ruleIds(screen('百家乐超市今天打折'))).toEqual([]);
    expect(ruleIds(screen('百家乐家具城'))).toEqual([]);
    expect(ruleIds(screen('网上百家乐平台'))).toEqual(['t.shop-name']);
    // The window is short: a shop word further away does not excuse the term.
    expect(ruleIds(screen('百家乐真人荷官在线，去超市不如来这里'))).toEqual(['t.shop-name']);
  });
});

describe('hit conditions in the pack format', () => {
  const pack = (rule: string): string => `category: obscene_violent\nrules:\n  - id: r.1\n${rule}`;
  it.each([
    ['    boundary: token\n    terms: [色图]\n', 'boundary must be word'],
    ['    context: []\n    terms: [色图]\n', 'context is empty'],
    ['    except: [""]\n    terms: [色图]\n', 'except[0] must be a non-empty string'],
    ['    contextWindow: 5\n    terms: [色图]\n', 'contextWindow needs context or except'],
    ['    context: [买]\n    contextWindow: 0\n    terms: [色图]\n', 'contextWindow must be an integer from 1 to 200'],
    ['    topic: yes please\n    terms: [色图]\n', 'topic must be true or false'],
    ['    boundary: word\n    all: [色图, 图片]\n    window: 5\n', 'boundary only applies to terms or pattern rules'],
    ['    topic: true\n    hashes: [ffff0000ffff0000]\n', 'topic only applies to terms or pattern rules'],
  ])('refuses %j', (rule, reason) => {
    expect(() => parsePack(pack(rule), 'x.yaml')).toThrow(expect.objectContaining({ rule: 'r.1', reason }));
  });

  it.each([
    ['framing: [提醒]\n', 'framing: must be a mapping with cues and an optional window'],
    ['framing:\n  cues: []\n', 'framing: cues is empty'],
    ['framing:\n  cues: [提醒]\n  window: 1000\n', 'framing: window must be an integer from 1 to 200'],
  ])('refuses the pack section %j', (section, reason) => {
    const text = `category: obscene_violent\nrules: []\n${section}`;
    expect(() => parsePack(text, 'x.yaml')).toThrow(RulePackError);
    expect(() => parsePack(text, 'x.yaml')).toThrow(expect.objectContaining({ reason }));
  });

  it('accepts and defaults them', () => {
    const p = parsePack(pack('    boundary: word\n    topic: true\n    except: [超市]\n    terms: [色图]\nframing:\n  cues: [提醒]\n'), 'x.yaml');
    expect(p.rules[0]).toMatchObject({ boundary: true, topic: true, except: ['超市'], context: [], contextWindow: 8 });
    expect(p.framing).toEqual({ cues: ['提醒'], window: 12 });
  });

  it('are documented in rules/README.md', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../rules/README.md'), 'utf8');
    for (const field of ['`boundary: word`', '`context`', '`except`', '`contextWindow`', '`topic: true`', '`framing`']) expect(readme).toContain(field);
  });
});

const framingPack = packDir({
  'f.yaml': `category: obscene_violent
version: t1
rules:
  - id: t.drugs
    label: crime
    topic: true
    terms: [毒品, 赌博]
  - id: t.deal
    label: crime
    terms: [出货]
  - id: t.qq
    label: crime
    pattern: 'QQ\\d{5,11}'
framing:
  window: 10
  cues: [远离, 提醒, 破获, 违法]
`,
  'g.yaml': `category: fraud_insult
version: t1
rules:
  - id: t.fraud
    label: fraud
    topic: true
    terms: [诈骗]
  - id: t.insult
    label: insult
    terms: [傻瓜]
`,
});
const ff = createFilterSync({ rules: [framingPack], classifier: false, shipped: false });

describe('warning, news and prevention framing', () => {
  it.each(['远离毒品', '警方提醒：网络赌博是违法行为', '破获赌博案件', '谨防诈骗，提醒家人'])('lowers topic hits inside framing: %s', (text) => {
    const v = ff.screen({ text });
    expect(v).toMatchObject({ suggestion: 'pass', risk: 0, labels: [] });
  });

  it('applies the cues of any pack to the topic rules of every pack', () => {
    expect(ff.screen({ text: '提醒：小心诈骗' }).suggestion).toBe('pass');
  });

  it('keeps topic hits outside framing', () => {
    expect(ruleIds(ff.screen({ text: '一起赌博吧' }))).toEqual(['t.drugs']);
    expect(ruleIds(ff.screen({ text: '远离城市的喧嚣，周末我们这里有人在赌博，赌得很大' }))).toEqual(['t.drugs']);
  });

  it('keeps everything when anything else hits: an advertisement wearing a warning', () => {
    expect(ruleIds(ff.screen({ text: '警方提醒：赌博违法，加QQ12345678领钱' })).sort()).toEqual(['t.drugs', 't.qq']);
    expect(ruleIds(ff.screen({ text: '远离毒品，出货找我' })).sort()).toEqual(['t.deal', 't.drugs']);
    expect(ruleIds(ff.screen({ text: '远离毒品，你个傻瓜' })).sort()).toEqual(['t.drugs', 't.insult']);
  });

  it('never lowers rules that are not topic rules', () => {
    expect(ruleIds(ff.screen({ text: '提醒：出货' }))).toEqual(['t.deal']);
  });

  it('looks for cues in the field of the hit', () => {
    expect(ruleIds(ff.screen({ title: '远离', text: '毒品' }))).toEqual(['t.drugs']);
    expect(ff.screen({ title: '远离毒品', text: '珍爱生命' }).suggestion).toBe('pass');
  });
});

describe('title and text screened as one stream', () => {
  it('finds a contact push split between title and text, one hit per field piece', () => {
    const input = { title: '兼职加我微', text: '信 abc12345，日赚三百' };
    const v = shipped.screen(input);
    const wechat = v.labels.flatMap((l) => l.hits).filter((h) => h.rule === 'ads.wechat');
    expect(wechat).toEqual([
      { rule: 'ads.wechat', field: 'title', start: 2, end: 5, text: '加我微' },
      { rule: 'ads.wechat', field: 'text', start: 0, end: 1, text: '信' },
    ]);
    expect(v.suggestion).not.toBe('pass');
    expectExactOffsets(input, v);
  });

  it('keeps offsets exact with a long title and text (only their ends are joined)', () => {
    const input = { title: `${'今天天气很好，'.repeat(40)}加我微`, text: `信：abc12345${'，谢谢大家'.repeat(40)}` };
    const v = shipped.screen(input);
    expect(ruleIds(v)).toContain('ads.wechat');
    expectExactOffsets(input, v);
  });

  it('keeps surrogate pairs whole at the cut', () => {
    const input = { title: `${'😀'.repeat(60)}加我微`, text: `信${'😀'.repeat(60)}` };
    const v = shipped.screen(input);
    expect(ruleIds(v)).toContain('ads.wechat');
    expectExactOffsets(input, v);
  });

  it('finds a proximity rule whose terms are in different fields', () => {
    const input = { title: '招兼职', text: '微信：abc12345' };
    expect(ruleIds(shipped.screen(input))).toContain('ads.lure-contact');
  });

  it('does not repeat hits lying wholly in one field', () => {
    const v = shipped.screen({ title: '加微信', text: '你好' });
    expect(v.labels.flatMap((l) => l.hits).map((h) => [h.rule, h.field, h.text])).toEqual([['ads.wechat', 'title', '加微信']]);
  });

  it('does not glue ordinary words across the junction', () => {
    expect(shipped.screen({ title: '天空是蓝色', text: '图片是上周拍的' }).suggestion).toBe('pass');
    expect(shipped.screen({ title: '今天好开心', text: '明天见' }).suggestion).toBe('pass');
  });
});

describe('shipped packs', () => {
  it('catch 傻屄 as an insult', () => {
    expect(ruleIds(shipped.screen({ text: '你就是个傻屄' }))).toContain('insult.profanity');
  });

  it('support pinyin of four-character terms (dai kai fa piao for 代开发票)', () => {
    const dir = packDir({ 'i.yaml': 'category: advertising\nrules:\n  - id: t.invoice\n    pinyin: true\n    terms: [代开发票]\n' });
    const f = createFilterSync({ rules: [dir], classifier: false, shipped: false });
    for (const text of ['dai kai fa piao', 'daikaifapiao 联系我', '专业 dkfp', '代kai发票']) expect(ruleIds(f.screen({ text }))).toEqual(['t.invoice']);
    expect(ruleIds(f.screen({ text: 'the dai kai team' }))).toEqual([]);
  });

  it.each([
    ['我要杀了你全家', 'block'],
    ['明天带刀去学校捅死他们', 'block'],
    ['我要炸了你们公司', 'block'],
    ['你敢举报我就杀了你全家', 'block'],
    ['他在网上扬言炸毁地铁站', 'review'],
    ['我要杀了你', 'review'],
  ])('send the threat %s to %s with high risk under obscene_violent/violence', (text, suggestion) => {
    const v = shipped.screen({ text });
    expect(v.suggestion).toBe(suggestion);
    expect(v.risk).toBeGreaterThanOrEqual(0.85);
    expect(v.labels.map((l) => [l.category, l.label])).toEqual([['obscene_violent', 'violence']]);
  });

  it.each(['笑死我了', '气死我了', '这款杀毒软件挺好用', '电脑卡了就杀了这个进程', '游戏里我要杀了你这个boss', '中午吃炸鸡', '这部电影里拆炸弹那段太紧张了'])(
    'let hyperbole and other senses pass: %s',
    (text) => {
      expect(shipped.screen({ text }).suggestion).toBe('pass');
    },
  );
});

interface EngineCase {
  text: string;
  title?: string;
  label: string;
  expect: 'pass' | 'review' | 'block' | 'flagged';
  category?: string;
  ruleLabel?: string;
  source: string;
  licence: string;
}

const cases = fs
  .readFileSync(path.join(__dirname, '../../data/tuning/engine-cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as EngineCase);

describe('tuning cases (data/tuning/engine-cases.jsonl)', () => {
  it('are labelled data with a source and licence', () => {
    expect(cases.length).toBeGreaterThan(30);
    for (const c of cases) expect(c).toMatchObject({ text: expect.any(String), label: expect.any(String), source: expect.any(String), licence: 'Apache-2.0' });
  });

  it.each(cases.map((c) => [`${c.label}: ${c.title ? `${c.title} | ` : ''}${c.text}`, c] as const))('%s', (_name, c) => {
    const input = { title: c.title, text: c.text };
    const v = shipped.screen(input);
    if (c.expect === 'flagged') expect(v.suggestion).not.toBe('pass');
    else expect(v.suggestion).toBe(c.expect);
    if (c.category) expect(v.labels.some((l) => l.category === c.category && (c.ruleLabel === undefined || l.label === c.ruleLabel))).toBe(true);
    expectExactOffsets(input, v);
  });
});
