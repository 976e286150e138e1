import fc from 'fast-check';
import { createFilterSync } from '../../rules/filter';
import { RulePackError } from '../../rules/packs';
import type { Verdict } from '../../rules/types';
import { packDir, shipped } from './helpers';

// A shadow pack watching words that live rules also match (加微信), words nothing else matches (螺蛳粉), a block
// rule (which must block nothing) and a proximity rule.
const shadowPack = packDir({
  'watch.yaml': [
    'category: advertising',
    'rules:',
    '  - id: w.snail',
    '    mode: shadow',
    '    terms: [螺蛳粉]',
    '  - id: w.wechat',
    '    mode: shadow',
    '    action: block',
    '    weight: 1',
    '    terms: [加微信]',
    '  - id: w.near',
    '    mode: shadow',
    '    all: [批发, 拿货]',
    '    window: 20',
    '',
  ].join('\n'),
});
const withShadow = createFilterSync({ classifier: false, rules: [shadowPack] });

/** Everything but the engine string (which names the packs) and the shadow hits. */
function counted(v: Verdict): unknown {
  const { engine: _engine, shadowHits: _shadow, ...rest } = v;
  return rest;
}

describe('shadow rules (CONTRACT §13)', () => {
  it('reports matches in shadowHits with exact offsets and changes nothing else, even for a block rule', () => {
    const text = '螺蛳粉批发，想拿货的加 微 信';
    const v = withShadow.screen({ id: 'x', title: '好吃的螺蛳粉', text });
    expect(counted(v)).toEqual(counted(shipped.screen({ id: 'x', title: '好吃的螺蛳粉', text })));
    expect(v.suggestion).not.toBe('block');
    expect(v.labels.flatMap((l) => l.hits.map((h) => h.rule))).not.toEqual(expect.arrayContaining(['w.snail', 'w.wechat', 'w.near']));
    const fields = { title: '好吃的螺蛳粉', text };
    for (const h of v.shadowHits ?? []) expect(fields[h.field as 'title' | 'text'].slice(h.start, h.end)).toBe(h.text);
    expect(v.shadowHits).toEqual(
      expect.arrayContaining([
        { rule: 'w.snail', category: 'advertising', field: 'title', start: 3, end: 6, text: '螺蛳粉' },
        { rule: 'w.snail', category: 'advertising', field: 'text', start: 0, end: 3, text: '螺蛳粉' },
        { rule: 'w.wechat', category: 'advertising', field: 'text', start: 10, end: 15, text: '加 微 信' },
        expect.objectContaining({ rule: 'w.near', text: '批发' }),
      ]),
    );
  });

  it('takes no part in lowering warning talk: 警方提醒 with a shadow hit still passes', () => {
    const text = '警方提醒：网络赌博是违法行为，螺蛳粉店老板请注意';
    expect(shipped.screen({ text }).suggestion).toBe('pass');
    const v = withShadow.screen({ text });
    expect(v.suggestion).toBe('pass');
    expect(v.shadowHits?.map((h) => h.rule)).toEqual(['w.snail']);
  });

  it('leaves shadowHits out when no shadow rule matched', () => {
    expect(withShadow.screen({ text: '今天天气很好' })).not.toHaveProperty('shadowHits');
  });

  it('never changes suggestion, risk or labels, on any text (property)', () => {
    // Warning framing too (警方提醒…赌博): a shadow hit beside it must not keep a lowered topic hit alive.
    const pieces = [
      '螺蛳粉',
      '加微信',
      '批发',
      '拿货',
      '兼职日结',
      '今天',
      '，',
      ' ',
      '傻逼',
      '13812345678',
      '😀',
      'a',
      '警方提醒：',
      '网络赌博是违法行为',
      '远离毒品',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(counted(withShadow.screen({ text }))).toEqual(counted(shipped.screen({ text })));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an unknown mode and shadow image rules, naming the rule', () => {
    const bad = (yaml: string) => () => createFilterSync({ classifier: false, rules: [packDir({ 'b.yaml': yaml })] });
    expect(bad('category: rumor\nrules:\n  - id: b.mode\n    mode: quiet\n    terms: [x]\n')).toThrow(RulePackError);
    expect(bad('category: rumor\nrules:\n  - id: b.mode\n    mode: quiet\n    terms: [x]\n')).toThrow(
      /b\.mode.*mode must be live or shadow|mode must be live or shadow/,
    );
    expect(bad('category: rumor\nrules:\n  - id: b.img\n    mode: shadow\n    hashes: [0123456789abcdef]\n')).toThrow(/image/);
  });
});
