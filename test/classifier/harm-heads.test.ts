import { decodeModel, encodeModel, LinearTextModel, type ModelParts } from '../../rules/classifier/model';
import { guardedBias } from '../../rules/classifier/build';
import { findModelFile, jiebaCutter, loadDefaultModel } from '../../rules/classifier';
import { obfuscatedCopy } from '../../scripts/classifier/recipe';
import { LABEL_NAMES } from '../../rules/labels';
import type { TextModel } from '../../rules/classifier/types';
import * as fs from 'node:fs';

// cls-8 adds one head per family of data/classifier/harm-v1.jsonl, reported as one obscene_violent finding
// labelled by the likeliest family. The sentences below were written for this test, not taken from
// harm-v1.jsonl or data/tuning.

const model = loadDefaultModel() as TextModel & LinearTextModel;
const harm = (text: string) => model.predict(text).find((p) => p.category === 'obscene_violent')!;

describe('harm heads (cls-8)', () => {
  it('reports exactly one obscene_violent finding, with a label the rules know', () => {
    // cls-9's gambling finding is obscene_violent too, with its own label.
    const found = model.predict('周末带孩子去公园放风筝').filter((p) => p.category === 'obscene_violent' && p.label !== 'gambling');
    expect(found).toHaveLength(1);
    expect(Object.keys(LABEL_NAMES)).toContain(found[0].label);
    expect(harm('').score).toBe(0);
  });

  it.each([
    ['周五放学别急着回家，后操场等你，一个人来', 'violence'],
    ['你女儿每天几点放学我都记着呢，你自己掂量', 'violence'],
    ['劝你晚上别出门，不然让你见不到明天的太阳', 'violence'],
    ['有没有兄弟有叶子，今晚想飞一下', 'drugs'],
    ['出 冰 ， 老 客 户 优 惠', 'drugs'],
    ['出仿六四，带二十发，懂的私聊', 'weapons'],
    ['同城学生妹上门，全套，价格私聊', 'porn'],
    ['那次在车站砍人的兄弟干得漂亮，下次去广场', 'terror'],
  ])('flags %s as obscene_violent / %s', (text, label) => {
    const p = harm(text);
    expect(p.score).toBeGreaterThanOrEqual(0.5);
    expect(p.label).toBe(label);
  });

  it.each([
    '警方通报：一男子因在网上发布恐吓信息被行政拘留五日',
    '法院判决：被告人贩卖冰毒二十克，获刑七年',
    '把排骨剁成段，冷水下锅焯一下',
    '这把我拿狙一枪一个，吃鸡了',
    '笑死我了，今天累死了',
    '医生给我开了止痛药，饭后吃',
  ])('does not flag an ordinary post: %s', (text) => {
    expect(harm(text).score).toBeLessThan(0.5);
  });
});

// cls-9: one finding each for gambling promotion (obscene_violent / gambling), cult propaganda
// (religion_cult / cult) and scam scripts (fraud_insult / fraud), from data/classifier/illicit-v*.jsonl.
describe('gambling, cult and fraud findings (cls-9)', () => {
  const finding = (text: string, category: string, label: string) => model.predict(text).find((p) => p.category === category && p.label === label);

  it('reports each finding once, with labels the rules know', () => {
    const found = model.predict('周末带孩子去公园放风筝');
    for (const [category, label] of [
      ['obscene_violent', 'gambling'],
      ['religion_cult', 'cult'],
      ['fraud_insult', 'fraud'],
    ]) {
      expect(found.filter((p) => p.category === category && p.label === label)).toHaveLength(1);
      expect(Object.keys(LABEL_NAMES)).toContain(label);
    }
  });

  it.each([
    ['新人首充一百送一百，流水一倍就能提，带你稳稳上岸', 'obscene_violent', 'gambling'],
    ['末日就要来了，只有归向全能的神才能得救，今晚聚会地址私发', 'religion_cult', 'cult'],
    ['您的快递丢失，我是客服，现在给您双倍理赔，请先下载会议软件共享屏幕', 'fraud_insult', 'fraud'],
  ])('flags %s as %s / %s', (text, category, label) => {
    expect(finding(text, category, label)!.score).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ['昨晚和家里人打麻将，输了二十块钱', 'obscene_violent', 'gambling'],
    ['初一去寺里上香，求家人平安健康', 'religion_cult', 'cult'],
    ['反诈中心提醒：自称客服要求共享屏幕的都是诈骗', 'fraud_insult', 'fraud'],
  ])('does not flag %s as %s / %s', (text, category, label) => {
    expect(finding(text, category, label)!.score).toBeLessThan(0.5);
  });
});

describe('short and degenerate text (cls-9)', () => {
  // Few features each count fully in a very short text: the findings learnt from posts with Latin slang and
  // placeholders (bc, bjl, qq xxx) once scored these as gambling or fraud.
  it.each(['b站', 'bbc', 'abc', 'bb', 'bye', 'xxxxx', 'zzz', 'app', '我在b站看视频', 'b'.repeat(50_000)])(
    'no harm, gambling, cult or fraud finding: %s',
    (text) => {
      const found = model
        .predict(text)
        .filter((p) => p.score >= 0.5 && (p.category === 'obscene_violent' || p.category === 'religion_cult' || p.label === 'fraud'));
      expect(found).toEqual([]);
    },
  );
});

describe('model files without reporting heads (before cls-8)', () => {
  // A cls-7-shaped file: the same model with its reporting heads' columns and headers removed.
  const parts = decodeModel(fs.readFileSync(findModelFile()!));
  const keep = parts.header.heads.map((h, i) => ({ h, i })).filter(({ h }) => h.category === undefined);
  const H = parts.header.heads.length;
  const weights = new Int16Array((parts.weights.length / H) * keep.length);
  for (let b = 0, o = 0; b < parts.weights.length / H; b++) for (const { i } of keep) weights[o++] = parts.weights[b * H + i];
  const old: ModelParts = { header: { ...parts.header, heads: keep.map(({ h }) => h) }, weights };
  const loaded = new LinearTextModel(decodeModel(encodeModel(old)), jiebaCutter(parts.header.features.jieba));

  it('still load, and predict what they did: the core findings only, unchanged', () => {
    for (const text of ['你就是个傻逼', '出仿六四，带二十发，懂的私聊', '']) {
      const before = loaded.predict(text);
      expect(before.map((p) => p.category)).toEqual(['ethnic_hatred', 'fraud_insult', 'advertising']);
      expect(before).toEqual(model.predict(text).slice(0, 3));
    }
  });
});

describe('calibration guard and augmentation', () => {
  it('guardedBias leaves a threshold that flags no more than the allowed share', () => {
    const margins = Float64Array.from({ length: 100 }, (_, i) => i / 10);
    const b = guardedBias(2, 0, margins, 0.05);
    expect(margins.filter((z) => 2 * z + b >= 0).length).toBe(5);
    // Already strict enough: unchanged.
    expect(guardedBias(2, -100, margins, 0.05)).toBe(-100);
  });

  it('obfuscatedCopy is deterministic and keeps the text recognisable', () => {
    const t = '今天去菜市场买了条鲈鱼';
    expect(obfuscatedCopy(t)).toBe(obfuscatedCopy(t));
    expect(obfuscatedCopy(t)).not.toBe(t);
  });
});
