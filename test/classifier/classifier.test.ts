import { findModelFile, jiebaCutter, loadDefaultModel, loadModel } from '../../rules/classifier';
import { decodeModel, LinearTextModel } from '../../rules/classifier/model';
import { withDomainCopy } from '../../rules/classifier/features';
import { opposesBias } from '../../scripts/classifier/stance-rule';
import { assertNoLeak } from '../../scripts/classifier/leaks';
import { readJsonl } from '../../scripts/classifier/datasets';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextModel } from '../../rules/classifier/types';
import { CATEGORIES } from '../../rules/categories';
import fc from 'fast-check';
import { nbRatios } from '../../rules/classifier/build';
import { FeatureExtractor } from '../../rules/classifier/features';
import { trainLogistic, type Example } from '../../rules/classifier/learner';

const ROOT = path.resolve(__dirname, '..', '..');
const rows = (file: string) => readJsonl(ROOT, `data/classifier/${file}`).rows;
const HELDOUT = rows('eval-v2.jsonl');
const HELDOUT_COUNTER = HELDOUT.filter((r) => r.stance === 'counter').map((r) => r.text);
const HELDOUT_NEUTRAL = HELDOUT.filter((r) => r.stance === 'neutral').map((r) => r.text);
const HELDOUT_ATTACK = HELDOUT.filter((r) => r.stance === 'attack').map((r) => r.text);
const HELD_TEXTS = ['eval-v2.jsonl', 'eval-v3.jsonl', 'eval-v4.jsonl'].flatMap((f) => rows(f).map((r) => r.text));

function offensive(model: TextModel, text: string): number {
  return Math.max(
    0,
    ...model
      .predict(text)
      .filter((p) => p.category === 'ethnic_hatred' || p.category === 'fraud_insult')
      .map((p) => p.score),
  );
}

describe('classifier', () => {
  const model = loadDefaultModel();

  it('finds and loads the committed model', () => {
    expect(findModelFile()).not.toBeNull();
    expect(model).not.toBeNull();
    expect(model!.version).toMatch(/^cls-10\+[0-9a-f]{10}$/);
    const again = loadModel(findModelFile()!);
    expect(again.predict('你就是个傻逼')).toEqual(model!.predict('你就是个傻逼'));
  });

  it('returns one prediction per head, scores in [0,1], known categories', () => {
    const preds = model!.predict('黑人都是垃圾');
    // cls-9: the harm finding, then gambling (obscene_violent), cult (religion_cult) and fraud (fraud_insult).
    expect(preds.map((p) => p.category)).toEqual([
      'ethnic_hatred',
      'fraud_insult',
      'advertising',
      'obscene_violent',
      'obscene_violent',
      'religion_cult',
      'fraud_insult',
    ]);
    for (const p of preds) {
      expect(CATEGORIES).toContain(p.category);
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
  });

  it.each(['你就是个傻逼', '滚你妈的，什么东西', '黑鬼滚回非洲去', '河南人都是骗子，没一个好东西', '女人就是贱'])('flags the obvious insult %s', (text) => {
    expect(offensive(model!, text)).toBeGreaterThanOrEqual(0.5);
  });

  it('puts attacks on ethnic and regional groups under ethnic_hatred, personal insults under fraud_insult', () => {
    const eth = model!.predict('黑鬼滚回非洲去');
    expect(eth[0].score).toBeGreaterThan(eth[1].score);
    const ins = model!.predict('你就是个傻逼');
    expect(ins[1].score).toBeGreaterThan(ins[0].score);
    expect(ins[1].label).toBe('insult');
  });

  it.each(['今天天气不错，适合出去走走', '请问这个周末图书馆开门吗？', '这家店的牛肉面很好吃', '我下周去北京出差'])('does not flag the neutral %s', (text) => {
    expect(offensive(model!, text)).toBeLessThan(0.5);
  });

  it.each(['地域歧视是不对的', '不应该因为性别区别对待', '我们应该尊重每一个民族', '请不要给东北人贴标签', '人人平等，拒绝歧视'])(
    'does not flag the anti-discrimination statement %s',
    (text) => {
      expect(offensive(model!, text)).toBeLessThan(0.5);
    },
  );

  it.each(['河南人都是骗子，没一个好东西', '黑鬼滚回非洲去', '你就是个傻逼'])(
    'gives an attack wrapped in quotation marks the same score as the bare attack: %s',
    (text) => {
      for (const quoted of [`“${text}”`, `「${text}」`, `"${text}"`]) expect(model!.predict(quoted)).toEqual(model!.predict(text));
    },
  );

  it('scores English SMS spam as advertising/spam and a normal message not', () => {
    const spam = model!.predict('WINNER!! You have been selected to receive a £900 prize reward! Call 09061701461 to claim now');
    expect(spam[2]).toMatchObject({ category: 'advertising', label: 'spam' });
    expect(spam[2].score).toBeGreaterThanOrEqual(0.5);
    expect(model!.predict('Ok, see you at lunch tomorrow')[2].score).toBeLessThan(0.5);
  });

  it('never throws and stays in [0,1] on edge strings', () => {
    const edge = [
      '',
      ' ',
      '😀😡🤬💩',
      '\ud800',
      '\udfff\ud800x',
      'a\u200b\u200db\ufeff',
      '傻'.repeat(50000),
      'x'.repeat(50000),
      '\u0000\u0001',
      '𠀀𠀁𪚥',
      '這是繁體中文的句子',
    ];
    for (const t of edge) {
      for (const p of model!.predict(t)) {
        expect(Number.isFinite(p.score)).toBe(true);
        expect(p.score).toBeGreaterThanOrEqual(0);
        expect(p.score).toBeLessThanOrEqual(1);
      }
    }
  });

  it('never throws on arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const preds = model!.predict(s);
        return preds.length === 7 && preds.every((p) => p.score >= 0 && p.score <= 1 && Number.isFinite(p.score));
      }),
      { numRuns: 300 },
    );
  });

  it('folds traditional to simplified', () => {
    const a = offensive(model!, '你就是個傻逼');
    const b = offensive(model!, '你就是个傻逼');
    expect(Math.abs(a - b)).toBeLessThan(1e-6);
  });

  it('has a stance head that can only lower the offensive score', () => {
    const parts = decodeModel(fs.readFileSync(findModelFile()!));
    const stance = parts.header.heads.find((h) => h.name === 'stance');
    expect(stance).toBeDefined();
    expect(stance!.gate).toBeGreaterThan(0);
    const ungated = new LinearTextModel(
      { header: { ...parts.header, heads: parts.header.heads.map((h) => (h.name === 'stance' ? { ...h, gate: 0 } : h)) }, weights: parts.weights },
      parts.header.features.words || parts.header.features.wordBigrams ? jiebaCutter() : null,
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => offensive(model!, s) <= offensive(ungated, s) + 1e-12),
      { numRuns: 200 },
    );
    for (const t of [...HELDOUT_COUNTER, ...HELDOUT_ATTACK]) expect(offensive(model!, t)).toBeLessThanOrEqual(offensive(ungated, t) + 1e-12);
  });

  it('training examples do not overlap the held-out sets', () => {
    const training = ['extra-v1.jsonl', 'extra-v2.jsonl', 'extra-v6.jsonl'].flatMap(rows);
    expect(() => assertNoLeak(training, HELD_TEXTS)).not.toThrow();
    expect(() => assertNoLeak([{ text: HELDOUT_COUNTER[0] }], HELD_TEXTS)).toThrow(/overlaps/);
  });

  it('withDomainCopy keeps the features and appends a copy in its own namespace, inside the table', () => {
    const idx = Int32Array.from([0, 5, 1023, 77]);
    const out = withDomainCopy(idx, 0x5a17c0de, 10);
    expect(Array.from(out.slice(0, 4))).toEqual([0, 5, 1023, 77]);
    expect(out.length).toBe(8);
    for (const j of out.slice(4)) expect(j >= 0 && j < 1024).toBe(true);
    expect(Array.from(out.slice(4))).not.toEqual([0, 5, 1023, 77]);
    expect(withDomainCopy(idx, 0x5a17c0de, 10, 2).length).toBe(6);
  });

  it('stance rule: explicit opposition without an attack, not disclaimers or attacks', () => {
    for (const t of ['反对地域歧视，哪里都有好人', '不能因为几个人就以偏概全', '地域黑是不对的']) expect(opposesBias(t)).toBe(true);
    for (const t of ['我不是地域黑，但是河南人就是骗子', '反对歧视？他们就是素质低', '歧视黑人怎么了', '今天天气不错']) {
      expect(opposesBias(t)).toBe(false);
    }
  });

  // Regression guard on the committed model (figures in rules/classifier/README.md), with slack.
  it('held-out v2: flags at most 25% of counter-speech, at most 10% of neutral mentions, catches at least 70% of attacks', () => {
    const rate = (texts: string[]) => texts.filter((t) => offensive(model!, t) >= 0.5).length / texts.length;
    expect(rate(HELDOUT_COUNTER)).toBeLessThanOrEqual(0.25);
    expect(rate(HELDOUT_NEUTRAL)).toBeLessThanOrEqual(0.1);
    expect(rate(HELDOUT_ATTACK)).toBeGreaterThanOrEqual(0.7);
  });

  it('NB weighting folded into the weights scores exactly what the learner trained (x·s·w = x·(s·w))', () => {
    const rand = (i: number) => ((i * 2654435761) >>> 0) % 64;
    const examples: Example[] = Array.from({ length: 200 }, (_, e) => ({
      idx: Int32Array.from({ length: 3 + (e % 7) }, (_, i) => (e % 2 ? rand(e * 13 + i) : 32 + rand(e * 7 + i)) % 64),
      y: (e % 2) as 0 | 1,
      weight: 1,
    }));
    const scale = nbRatios(examples, 64, 1, 0.5, false);
    const learned = trainLogistic(examples, 64, { epochs: 3, lr: 0.2, l2: 1e-6, seed: 7 }, scale);
    const folded = learned.w.map((w, j) => w * scale[j]);
    for (const ex of examples) {
      const v = 1 / Math.sqrt(ex.idx.length);
      let zTrained = learned.bias;
      let zFolded = learned.bias;
      for (const j of ex.idx) {
        zTrained += learned.w[j] * v * scale[j];
        zFolded += folded[j] * v;
      }
      expect(zFolded).toBeCloseTo(zTrained, 5);
    }
    // beta 0: every scale is 1 and training is the plain learner's.
    const ones = nbRatios(examples, 64, 1, 0, false);
    expect([...ones].every((x) => x === 1)).toBe(true);
    expect(trainLogistic(examples, 64, { epochs: 2, lr: 0.2, l2: 1e-6, seed: 7 }, ones).w).toEqual(
      trainLogistic(examples, 64, { epochs: 2, lr: 0.2, l2: 1e-6, seed: 7 }).w,
    );
  });

  it('bias-talk copy: a text that talks about bias gets its n-grams again in their own namespace, other texts are unchanged', () => {
    const base = { bits: 20, charOrders: [1, 2, 3], words: false, wordBigrams: false, cues: true, lexicon: true };
    const plain = new FeatureExtractor(base, null);
    const copy = new FeatureExtractor({ ...base, biasTalkCopy: 'ngrams' }, null);
    const other = '今天天气不错';
    const k0 = plain.extract(other);
    expect(copy.extract(other)).toBe(k0);
    expect([...copy.idx.slice(0, k0)]).toEqual([...plain.idx.slice(0, k0)]);
    const talk = '地域歧视是不对的';
    const k1 = plain.extract(talk);
    const first = [...plain.idx.slice(0, k1)];
    const k2 = copy.extract(talk);
    // 21 character 1-3-grams (and any negation-scope bigrams) are copied; the cues (here at least "talks about bias") are not.
    expect(k2 - k1).toBeGreaterThanOrEqual(21);
    expect(k2 - k1).toBeLessThan(k1);
    expect([...copy.idx.slice(0, k1)]).toEqual(first);
    const all = new FeatureExtractor({ ...base, biasTalkCopy: true }, null);
    expect(all.extract(talk)).toBe(2 * k1);
    expect(new Set(copy.idx.slice(k1, k2)).size).toBeGreaterThan(0);
  });
});
