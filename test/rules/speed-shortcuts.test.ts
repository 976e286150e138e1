// The filter's speed shortcuts must never change a verdict: regexes run in windows around their
// cues (regexExtent, CompiledFilter.runWindows), and the title+text seam skipped when nothing can
// cross the junction (seamQuiet). Each is compared with its reference on random text built from
// the fragments the shipped patterns react to.
import fc from 'fast-check';
import { CompiledFilter } from '../../rules/filter';
import { loadPacks, shippedPacksDir } from '../../rules/packs';
import { regexExtent, regexFirstUnits } from '../../rules/regex';
import { packDir } from './helpers';

describe('regexExtent', () => {
  it('bounds what a match consumes and what its lookarounds read beyond it', () => {
    expect(regexExtent('ab')).toEqual({ len: 2, around: 0, wideLen: 2, wideAround: 0 });
    // A class or . may read a surrogate pair (two units) in a text that has them.
    expect(regexExtent('a[\\s\\S]{0,60}?b')).toEqual({ len: 62, around: 0, wideLen: 122, wideAround: 0 });
    expect(regexExtent('(?:甲|乙丙)(?:丁|戊己庚)?')).toEqual({ len: 5, around: 0, wideLen: 5, wideAround: 0 });
    expect(regexExtent('(?<![不没])杀你(?![\\p{L}]{0,1}价)')).toEqual({ len: 2, around: 2, wideLen: 2, wideAround: 3 });
    expect(regexExtent('\\bqq\\b')).toEqual({ len: 2, around: 1, wideLen: 2, wideAround: 2 });
    // A lookaround inside a lookaround reads as far as both together.
    expect(regexExtent('x(?=a(?<=ba))')).toEqual({ len: 1, around: 3, wideLen: 1, wideAround: 3 });
    expect(regexExtent('😀')).toEqual({ len: 2, around: 0, wideLen: 2, wideAround: 0 });
  });

  it('gives up on unbounded matches and on anchors', () => {
    for (const p of ['a+', 'a*b', 'a{2,}', '(?:ab)+', '^ab', 'ab$', '微\\s*信']) expect(regexExtent(p)).toBeNull();
  });
});

describe('the shipped regexes', () => {
  const plan = new CompiledFilter(loadPacks([shippedPacksDir()])).regexPlan();
  it('are armed by a literal or a separator they need, or gated on digits or letters: none runs on every field', () => {
    expect(plan.length).toBeGreaterThan(50);
    expect(plan.filter((p) => p.armed === 'every field')).toEqual([]);
  });
  it('run in windows around their triggers, but for the few whose matches have no bound (\\s*, +) or need the whole field', () => {
    // A new pattern belongs here only with a reason: a whole-field regex runs on every field its trigger is in.
    const wholeField = [
      ...['ads.mk-offer-phone', 'ads.mk-offer-phone-first', 'ads.mk-offer-tag', 'ads.phone', 'ads.qq', 'ads.short-url', 'ads.url'],
      ...['ads.url-obfuscated', 'ads.wechat-id', 'ads.wechat-id-short', 'mal.destructive-command', 'mal.dropper', 'mal.executable-url'],
      ...['mal.ip-url', 'mal.script-url', 'pd.bank-card', 'pd.email', 'pd.email-obfuscated', 'pd.id-card', 'pd.mobile'],
    ];
    const notWindowed = [...new Set(plan.filter((p) => !p.windowed).map((p) => p.rule))];
    expect(wholeField).toEqual(expect.arrayContaining(notWindowed));
  });
});

describe('regexFirstUnits', () => {
  const chars = (p: string): string[] | null =>
    regexFirstUnits(p)
      ?.map((u) => String.fromCharCode(u))
      .sort() ?? null;
  it('lists the Han characters every match starts with, past lookarounds and optional atoms', () => {
    expect(chars('(?<![不没])(?:杀|砍)?你')).toEqual(['你', '杀', '砍']);
    expect(chars('甲{0,2}乙')).toEqual(['乙', '甲']);
    expect(chars('(?:去|到)(?:学校)[^。]{0,8}|让你')).toEqual(['到', '去', '让']);
  });
  it('gives up on classes, cased letters and patterns that match the empty string', () => {
    for (const p of ['[甲乙]丙', 'a丙', '\\d甲', '.甲', '(?:甲)?', '甲|b']) expect(regexFirstUnits(p)).toBeNull();
  });
});

const packs = loadPacks([shippedPacksDir()]);
// Cues of the advertising-zh pair regexes, the threat and terror families, contacts and digits,
// with separators, invisibles, full-width and astral characters between them.
const pieces = [
  ...['全场8折', '满300减50', '欢迎光临', '详询', '限时特惠', '活动时间', '特价', '促销', '红包', '退订', '回T', '领券', '仅需99元'],
  ...['兼职', '日结', '加微', '刷单', '佣金', '贷款', '秒批', '无抵押', '黑户', '发票', '代开', '税点', '证书', '包过', '代办'],
  ...['百家乐', '首充', '彩金', '平台', '去学校', '杀人', '让你', '偿命', '把他', '杀了', '支持isis', '加入', '塔利班', '恐怖分子', '英雄'],
  ...['警惕', '诈骗', 'https://t.cn/abc', 'www.x.com', '13812345678', '400-123-4567', '【商店】', '貸款', '８折', '加', '微信', 'v：abc123'],
  ...['bai jia le', 'du bo', '138', '1234 5678', 'qq', '扣扣', '的', '我们', '今天', '来店', '即送'],
  ...[' ', '，', '\n', '😀', '𠀀', '\u200b', 'Ｘ', '\u0301', '。', '：'],
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join(''));

describe('regexes run in windows around their cues', () => {
  // Without prefilters every regex runs over the whole field: the reference.
  const windowed = new CompiledFilter(packs);
  const whole = new CompiledFilter(packs, { regexPrefilter: false });

  it('the shipped packs have windowed regexes', () => {
    expect(packs.flatMap((p) => p.rules).filter((r) => r.kind === 'pattern' && regexExtent(r.pattern) !== null).length).toBeGreaterThan(20);
  });

  it('find the same hits as running over the whole field (random cue soup)', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(windowed.screen({ text: t })).toEqual(whole.screen({ text: t }));
      }),
      { numRuns: 1500 },
    );
  });

  it('find every match of a long field, in order, up to the cap', () => {
    const dir = packDir({
      'pairs.yaml': [
        'category: advertising',
        'rules:',
        '  - id: t.pair',
        "    pattern: '(?:特价|促销)[\\s\\S]{0,20}?(?:详询|热线)|(?:详询|热线)[\\s\\S]{0,20}?(?:特价|促销)'",
      ].join('\n'),
    });
    const pairs = loadPacks([dir]);
    const a = new CompiledFilter(pairs);
    const b = new CompiledFilter(pairs, { regexPrefilter: false });
    const long = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? '特价商品详询' : i % 3 === 1 ? '今天天气不错，'.repeat(i % 7) : '热线促销😀')).join('');
    const va = a.screen({ text: long });
    expect(va).toEqual(b.screen({ text: long }));
    expect(va.labels[0].hits.length).toBe(50);
  });
});

describe('the title+text seam', () => {
  const shortcut = new CompiledFilter(packs);
  const always = new CompiledFilter(packs, { seamShortcut: false });

  it('is skipped only when nothing can cross the junction (random titles and texts)', () => {
    fc.assert(
      fc.property(text, text, (title, body) => {
        expect(shortcut.screen({ title, text: body })).toEqual(always.screen({ title, text: body }));
      }),
      { numRuns: 2000 },
    );
  });

  it('still finds a contact, a keyword and a pair split between title and text', () => {
    const cases: Array<[string, string]> = [
      ['兼职加我微', '信 abc12345'],
      ['诚招兼职，日', '结，加微信'],
      ['本店特价', '，详询13812345678'],
      ['加我微信', 'abc12345'],
    ];
    for (const [title, body] of cases) {
      const v = shortcut.screen({ title, text: body });
      expect(v).toEqual(always.screen({ title, text: body }));
      expect(v.labels.some((l) => l.hits.some((h) => h.field === 'title') && l.hits.some((h) => h.field === 'text'))).toBe(true);
    }
  });
});
