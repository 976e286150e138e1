import { createFilter } from '../../rules';
import {
  applyLearned,
  exampleFeatures,
  fingerprintFromHex,
  fingerprintToHex,
  hamming,
  NearDuplicateIndex,
  OnlineModel,
  simhash,
  TenantLearning,
  type Fingerprint,
} from '../../rules/learning';
import { analyseItem, analysisWorkspace } from '../../rules/learning/features';
import { normaliseInto, normaliseText } from '../../rules/normalise';
import { mulberry32 } from '../../bench/rng';
import type { Category } from '../../rules/categories';
import type { Filter } from '../../rules/types';
import { promo } from './promo';

function teach(state: TenantLearning, itemId: string, text: string, rejectedAs: Category[]): void {
  state.learn({ itemId, rejectedAs, ...exampleFeatures({ text }) });
}

describe('SimHash', () => {
  it('puts near-duplicates within a few bits and unrelated texts far apart', () => {
    const ad = (n: number) => `本店新品上市全场五折优惠扫码进群领取优惠券活动编号${n}欢迎光临选购本周末还有满减活动买二送一数量有限先到先得`;
    const a = simhash(ad(1))!;
    const b = simhash(ad(2))!;
    const c = simhash('今天天气很好我们一起去公园散步然后回家吃饭看书')!;
    expect(hamming(a, a)).toBe(0);
    expect(hamming(a, b)).toBeLessThanOrEqual(8);
    expect(hamming(a, c)).toBeGreaterThan(16);
  });

  it('gives no fingerprint to texts too short to compare', () => {
    expect(simhash('好的')).toBeNull();
  });

  it('round-trips through 16 hex digits', () => {
    const f = simhash('abcdefghijklmnopqrstuvwxyz')!;
    const hex = fingerprintToHex(f);
    expect(hex).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprintFromHex(hex)).toEqual(f);
    expect(fingerprintFromHex('zz')).toBeNull();
  });
});

describe('Screening-time analysis', () => {
  // Items the way they reach screening: CJK, traditional, full-width, emoji, lone surrogates, folds that expand
  // (⑩ → 10), astral letters, invisibles, texts of one and two letters, and texts cut at 2,000 units mid-pair.
  const inputs: Array<{ title?: string; text?: string }> = [
    { text: promo(3) },
    { title: '限時優惠', text: '測試：ＡＢＣ①㎏😀𝐀臺灣，加V信 ⑩ 元' },
    { title: '只有标题' },
    { text: 'a' },
    { text: 'Ok..' },
    { text: '\ud800好\udc00的\u200b！' },
    { text: `${'x'.repeat(1999)}😀尾` },
    { text: '①'.repeat(1200) },
    { text: '' },
  ];

  it('folds an item into the same units as normaliseText, stopping when the buffer is full', () => {
    for (const input of inputs) {
      const joined = [input.title, input.text].filter(Boolean).join('\n');
      const out = new Uint16Array(50);
      const n = normaliseInto(joined, out);
      expect(String.fromCharCode(...out.subarray(0, n))).toBe(normaliseText(joined).slice(0, 50));
    }
  });

  it('finds the fingerprint and features the decision was stored with, without building the text', () => {
    const ws = analysisWorkspace();
    for (const input of inputs) {
      const stored = exampleFeatures(input);
      analyseItem(input, ws, true);
      expect(ws.fingerprinted ? fingerprintToHex(ws) : null).toBe(stored.fingerprint);
      expect(Array.from(ws.features.subarray(0, ws.count))).toEqual(Array.from(stored.features));
      analyseItem(input, ws, false);
      expect(ws.fingerprinted ? fingerprintToHex(ws) : null).toBe(stored.fingerprint);
      expect(ws.count).toBe(0);
    }
  });

  it('keeps the stored fingerprints of feature version 1', () => {
    // Examples in the store carry these; a change here needs FEATURE_VERSION bumped.
    expect(exampleFeatures({ text: '本店新品上市全场五折优惠扫码进群领取优惠券' }).fingerprint).toBe('85628c50cc93d122');
    expect(exampleFeatures({ text: 'Free entry in 2 a wkly comp to win FA Cup final' }).fingerprint).toBe('164e3fa0b54c47e2');
    expect(exampleFeatures({ text: '測試：ＡＢＣ①㎏😀𝐀臺灣' }).fingerprint).toBe('8440415e40609ba4');
    expect(exampleFeatures({ text: 'ok' }).features).toHaveLength(2);
  });
});

describe('NearDuplicateIndex', () => {
  it('finds exactly what a full scan finds within 8 bits, also after evicting the oldest', () => {
    const rand = mulberry32(5);
    const int = () => (rand() * 2 ** 32) | 0;
    const flip = (f: Fingerprint, bits: number): Fingerprint => {
      const g = { ...f };
      for (let i = 0; i < bits; i++) {
        const b = Math.floor(rand() * 64);
        if (b < 32) g.hi ^= 1 << b;
        else g.lo ^= 1 << (b - 32);
      }
      return g;
    };
    const index = new NearDuplicateIndex(300);
    const all: Fingerprint[] = [];
    const centres = Array.from({ length: 20 }, () => ({ hi: int(), lo: int() }));
    for (let i = 0; i < 500; i++) {
      const f = flip(centres[i % 20], Math.floor(rand() * 8));
      all.push(f);
      index.add({ itemId: `i${i}`, fingerprint: f, rejectedAs: i % 3 ? ['advertising'] : [] });
    }
    const kept = all.slice(-300).map((f, k) => ({ f, i: 200 + k }));
    for (let t = 0; t < 200; t++) {
      const probe = flip(centres[t % 20], Math.floor(rand() * 8));
      const near = kept.filter((e) => hamming(e.f, probe) <= 8);
      const got = index.find(probe);
      expect(got.rejected + got.approved).toBe(near.length);
      expect(got.approved).toBe(near.filter((e) => e.i % 3 === 0).length);
    }
  });
});

describe('OnlineModel bounds', () => {
  it('moves at most maxStep per decision, whatever the decision', () => {
    const model = new OnlineModel({ maxStep: 0.25, maxNorm: 100 });
    const f = exampleFeatures({ text: promo(1) }).features;
    model.learn(f, ['advertising']);
    expect(model.norms().advertising).toBeLessThanOrEqual(0.25 + 1e-6);
  });

  it('keeps the weight norm under maxNorm however many times one text is rejected', () => {
    const model = new OnlineModel({ maxNorm: 3 });
    const f = exampleFeatures({ text: promo(1) }).features;
    for (let i = 0; i < 500; i++) model.learn(f, ['advertising']);
    expect(model.norms().advertising).toBeLessThanOrEqual(3 + 1e-3);
  });

  it('says nothing until a head has seen enough of both kinds', () => {
    const model = new OnlineModel({ minExamples: 3 });
    const f = exampleFeatures({ text: promo(1) }).features;
    model.learn(f, ['advertising']);
    expect(model.scores(f)).toEqual([]);
  });
});

describe('TenantLearning', () => {
  it('labels a near-duplicate of rejected items with their most common category, a reason and an example', () => {
    const state = new TenantLearning();
    for (let i = 0; i < 12; i++) teach(state, `it-${i}`, promo(i), i < 9 ? ['advertising'] : ['fraud_insult']);
    const { labels } = state.opinion({ text: promo(99) });
    const label = labels.find((l) => l.reason?.includes('已驳回'));
    expect(label).toMatchObject({ category: 'advertising', label: 'learned', source: 'learned', hits: [] });
    expect(label!.reason).toContain('与 12 条已驳回内容相似');
    expect(label!.similarTo).toBe('it-11');
    expect(label!.score).toBeGreaterThan(0.5);
  });

  it('lowers the risk of items that resemble approved ones', () => {
    const state = new TenantLearning();
    for (let i = 0; i < 3; i++) teach(state, `ok-${i}`, promo(i), []);
    const op = state.opinion({ text: promo(7) });
    expect(op.labels).toEqual([]);
    expect(op.riskFactor).toBeLessThan(1);
    expect(op.approvedSimilar).toBe(3);
  });

  it('says nothing about unrelated text', () => {
    const state = new TenantLearning();
    for (let i = 0; i < 3; i++) teach(state, `x-${i}`, promo(i), ['advertising']);
    expect(state.opinion({ text: '今天天气很好，我们一起去公园散步，然后回家吃饭' })).toEqual({ labels: [], riskFactor: 1, approvedSimilar: 0 });
  });

  it('keeps at most indexCapacity decided items', () => {
    const state = new TenantLearning({ indexCapacity: 10 });
    for (let i = 0; i < 50; i++) teach(state, `x-${i}`, `${promo(i)}第${i}号不同的内容${'甲乙丙丁'.repeat(i % 4)}`, ['advertising']);
    expect(state.stats()).toMatchObject({ decisions: 50, indexed: 10 });
  });
});

describe('applyLearned', () => {
  let filter: Filter;
  beforeAll(async () => {
    filter = await createFilter({ classifier: false });
  });

  it('never makes a verdict block by learned labels alone, however strong', () => {
    const state = new TenantLearning();
    for (let i = 0; i < 200; i++) teach(state, `it-${i}`, promo(i), ['advertising', 'fraud_insult', 'obscene_violent']);
    for (let i = 0; i < 20; i++) teach(state, `ok-${i}`, `今天天气很好我们一起去公园散步第${i}天`, []);
    const input = { id: 'n', text: promo(1000) };
    const base = filter.screen(input);
    expect(base.suggestion).not.toBe('block');
    const out = applyLearned(base, state.opinion(input), (v, extra) => filter.addLabels(v, extra));
    expect(out.labels.some((l) => l.source === 'learned')).toBe(true);
    expect(out.suggestion).toBe('review');
  });

  it('returns the very same verdict when there is nothing learned to say', () => {
    const v = filter.screen({ id: 'a', text: '你好' });
    expect(applyLearned(v, { labels: [], riskFactor: 1, approvedSimilar: 0 }, (x, e) => filter.addLabels(x, e))).toBe(v);
  });
});
