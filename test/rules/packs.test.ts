import { createFilterSync } from '../../rules/filter';
import { RulePackError, loadPacks } from '../../rules/packs';
import { packDir } from './helpers';

function errorOf(yaml: string): RulePackError {
  const dir = packDir({ 'p.yaml': yaml });
  try {
    loadPacks([dir]);
  } catch (e) {
    if (e instanceof RulePackError) return e;
    throw e;
  }
  throw new Error('pack was accepted');
}

describe('rule pack validation', () => {
  it('accepts the CONTRACT example unchanged', () => {
    const dir = packDir({
      'ads.yaml': `category: advertising
rules:
  - id: ads.wechat2
    label: contact
    action: review
    weight: 0.7
    terms: [加微信, 加v信]
  - id: ads.qq2
    pattern: '(?:QQ|扣扣)[:：]?\\d{5,11}'
  - id: gambling.casino-signup2
    all: [澳门, 赌场, 注册]
    window: 40
    action: block
allow: [澳门旅游]
`,
    });
    const packs = loadPacks([dir]);
    expect(packs[0].rules).toHaveLength(3);
    expect(packs[0].version).toMatch(/^[0-9a-f]{12}$/);
  });

  it.each([
    ['category: nope\nrules: []\n', undefined, /category/],
    ['category: advertising\nrules:\n  - id: a.b\n', 'a.b', /needs one of/],
    ['category: advertising\nrules:\n  - id: a.b\n    terms: [x]\n    action: delete\n', 'a.b', /action/],
    ['category: advertising\nrules:\n  - id: a.b\n    terms: [x]\n    weight: 3\n', 'a.b', /weight/],
    ['category: advertising\nrules:\n  - id: a.b\n    pattern: "(a+)+$"\n', 'a.b', /nested quantifier/],
    ['category: advertising\nrules:\n  - id: a.b\n    pattern: "([a-z"\n', 'a.b', /regular expression/],
    ['category: advertising\nrules:\n  - id: a.b\n    all: [x, y]\n', 'a.b', /window/],
    ['category: advertising\nrules:\n  - id: a.b\n    terms: ["!!!"]\n', 'a.b', /no letters/],
    ['category: advertising\nrules:\n  - id: a.b\n    pattern: "\\\\d+"\n    validate: crc\n', 'a.b', /validate/],
    ['category: advertising\nrules:\n  - id: a.b\n    hashes: [xyz]\n', 'a.b', /16 hex/],
    ['category: advertising\nrules:\n  - {id: a.b, terms: [x]}\n  - {id: a.b, terms: [y]}\n', 'a.b', /duplicate/],
    ['category: [unclosed\n', undefined, /YAML/],
  ])('refuses %j naming the rule and reason', (yaml, rule, reason) => {
    const e = errorOf(yaml);
    expect(e.file).toMatch(/p\.yaml$/);
    expect(e.rule).toBe(rule);
    expect(e.reason).toMatch(reason);
  });

  it('refuses a rule id already used by a shipped pack', () => {
    const dir = packDir({ 'p.yaml': 'category: advertising\nrules:\n  - {id: ads.wechat, terms: [x]}\n' });
    expect(() => createFilterSync({ rules: [dir], classifier: false })).toThrow(/already used/);
  });
});
