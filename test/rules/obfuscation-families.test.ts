import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Verdict } from '../../rules/types';
import { ruleIds, shipped } from './helpers';

// The shipped packs (rules only, no classifier) on the dev parts of the obfuscation tuning sets
// (data/tuning/obfuscation-dev/ and obfuscation-dev2/, hand-written for issue 12: homophones, pinyin, split characters,
// separators, full-width and traditional forms, digits for 死): every harmful post is flagged under its
// family's label, every look-alike (news, court verdicts, police warnings, cooking, games, films) passes
// with no rule hit. The check parts (obfuscation-check/, obfuscation-check2/) are measured by eval-filter only, never here.

const TUNING = path.join(__dirname, '..', '..', 'data', 'tuning');
const DEV_SETS = ['obfuscation-dev', 'obfuscation-dev2'];

interface Row {
  id: string;
  text: string;
  label: 'harmful' | 'ordinary';
  family: string;
}

function rows(file: string): Row[] {
  return DEV_SETS.flatMap((set) =>
    fs
      .readFileSync(path.join(TUNING, set, file), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Row),
  );
}

const LABEL: Record<string, string> = { threat: 'violence', drugs: 'drugs', weapons: 'weapons', porn: 'porn', terrorism: 'terror' };

// Known gaps, kept out of the list below: an emoji standing for the goods (🧊 🌿 💊 🔫 💣 🔞 🍑 are
// separators to the keyword scan, rules/README.md) and bare initials (bd for 冰毒) with no other cue.
const KNOWN_GAPS = new Set([
  'fr-dev-drugs-10',
  'fr-dev-drugs-21',
  'fr-dev-drugs-22',
  'fr-dev-drugs-28',
  'fr-dev-weapons-33',
  'fr-dev-porn-04',
  'fr-dev-porn-31',
]);

const harmful = rows('obfuscated-harmful.jsonl').filter((r) => !KNOWN_GAPS.has(r.id));
// A look-alike the generated lexicon pack still flags (lex.drugs.terms: 咔哇潮饮 in a police warning).
const LOOKALIKE_GAPS = new Set(['fr-dev2-news-06']);
const lookalikes = rows('lookalike-ordinary.jsonl').filter((r) => !LOOKALIKE_GAPS.has(r.id));

function labelsOf(v: Verdict): string[] {
  return v.labels.map((l) => `${l.category}/${l.label ?? ''}`);
}

describe('obfuscated harmful posts (obfuscation-dev, obfuscation-dev2)', () => {
  it('covers the five weak families with at least 20 posts each', () => {
    for (const family of Object.keys(LABEL)) expect(harmful.filter((r) => r.family === family).length).toBeGreaterThanOrEqual(20);
  });

  it.each(harmful.map((r) => [r.family, r.text, r.id] as const))('flags a %s post under its label: %s (%s)', (family, text) => {
    const v = shipped.screen({ text });
    expect(v.suggestion).not.toBe('pass');
    expect(labelsOf(v)).toContain(`obscene_violent/${LABEL[family]}`);
  });
});

describe('threats: review with high risk, block when unambiguous', () => {
  it.each(['明天去你公司门口，我砍sǐ你', '等放学我在校门口弄4你', '信不信我捅ｓｉ你，就在你家楼下', '石欠死你这个王八蛋，说到做到'])(
    'one coded threat is review with risk ≥ 0.85: %s',
    (text) => {
      const v = shipped.screen({ text });
      expect(v.suggestion).toBe('review');
      expect(v.risk).toBeGreaterThanOrEqual(0.85);
    },
  );

  it.each(['我要把你全家都杀_光，一个不留', '你再敢碰我妹妹，我就kill你全家', '我要殺了你，明天就去你家，把你们全家都殺光'])(
    'a threat against a whole family is blocked: %s',
    (text) => {
      expect(shipped.screen({ text }).suggestion).toBe('block');
    },
  );

  it('two threat signals (a place and a device) reach block', () => {
    expect(shipped.screen({ text: '再逼我，明天我就在地铁站引爆炸弹，炸了你们那个破商场' }).suggestion).toBe('block');
  });
});

describe('ordinary look-alikes (obfuscation-dev, obfuscation-dev2)', () => {
  it.each(lookalikes.map((r) => [r.family, r.text] as const))('passes a %s post: %s', (_family, text) => {
    const v = shipped.screen({ text });
    expect(ruleIds(v)).toEqual([]);
    expect(v.suggestion).toBe('pass');
  });

  it.each([
    '我明天去你宿舍找你玩，带点水果',
    '今晚吃鱼，我来杀鱼，顺便把排骨剁了',
    '我做了你爱吃的红烧肉',
    '服务器崩了你们快看看',
    '这把菜刀是新买的，磨好了刀再切肉',
    '要冰的可乐还是常温的？',
    '叶子黄了，秋天真的来了',
    '气泵打气枪多少钱一把，给自行车用',
    '奶茶要冰的，第二杯半价优惠',
    '这家狗粮价格实惠，顺丰包邮',
    '体检做全套要多少钱',
    '楼下快餐一次吃了三十块',
    '可爱得我想掐死你',
    '法院判决一起贩卖麻古案',
  ])('passes an everyday sentence with the same words: %s', (text) => {
    expect(ruleIds(shipped.screen({ text }))).toEqual([]);
  });
});

describe('variant glyphs outside OpenCC (rules/t2s.ts EXTRA_VARIANTS)', () => {
  it.each([
    ['伊斯兰囯需要你，加入我们', 'obscene_violent/terror'],
    ['同城約砲，妹子可上门', 'obscene_violent/porn'],
    ['出售鎗支，全国发货', 'obscene_violent/weapons'],
  ])('folds the variant so the term matches: %s', (text, label) => {
    expect(labelsOf(shipped.screen({ text }))).toContain(label);
  });
});
