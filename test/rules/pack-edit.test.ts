import { switchRuleLive } from '../../rules/pack-edit';
import { parsePack } from '../../rules/packs';

describe('switchRuleLive: a shadow rule goes live and nothing else in the pack changes', () => {
  it('removes exactly the rule’s mode line, keeping comments, order and the other rules (also shadow ones)', () => {
    const text = [
      '# operator pack',
      'category: advertising',
      'rules:',
      '  - id: a.one',
      "    mode: 'shadow'",
      '    terms: [甲]   # first',
      '  # a comment between rules',
      '  - id: a.two',
      '    mode: shadow',
      '    terms: [乙]',
      'allow: [甲乙丙]',
      '',
    ].join('\n');
    const out = switchRuleLive(text, 'p.yaml', 'a.two');
    expect(out).toBe(text.replace('    mode: shadow\n', ''));
    const pack = parsePack(out, 'p.yaml');
    expect(pack.rules.map((r) => [r.id, r.mode])).toEqual([
      ['a.one', 'shadow'],
      ['a.two', 'live'],
    ]);
  });

  it('rewrites flow-style packs through the parser, and refuses rules that are live or absent', () => {
    const flow = 'category: rumor\nrules: [{id: f.one, mode: shadow, terms: [谣言]}]\n';
    expect(parsePack(switchRuleLive(flow, 'f.yaml', 'f.one'), 'f.yaml').rules[0]).toMatchObject({ id: 'f.one', mode: 'live', terms: ['谣言'] });
    expect(() => switchRuleLive('category: rumor\nrules:\n  - id: l.one\n    terms: [x]\n', 'l.yaml', 'l.one')).toThrow(/already live/);
    expect(() => switchRuleLive(flow, 'f.yaml', 'nope')).toThrow(/no such rule/);
  });
});
