import { createFilterSync } from '../../rules/filter';

/**
 * Found during the issue 14 work: one long post (over ~23,000 characters) grew the WebAssembly scanner's memory, and
 * from then on no regex rule was armed in that process (its view of the armed list was detached), so contact
 * details and the like passed unseen until a restart. A post must never change how later posts are screened.
 */
describe('screening after a long text', () => {
  const probe = '加我QQ:12345678 微信: abc_12345';
  const rulesOf = (v: { labels: Array<{ hits: Array<{ rule: string }> }> }): string[] =>
    [...new Set(v.labels.flatMap((l) => l.hits.map((h) => h.rule)))].sort();

  it.each([
    ['50,000 Latin letters', 'b'.repeat(50_000)],
    ['50,000 Chinese characters', '中'.repeat(50_000)],
    ['25,000 words', 'b '.repeat(25_000)],
  ])('finds the same regex hits before and after %s', (_name, long) => {
    const filter = createFilterSync({ classifier: false });
    const before = rulesOf(filter.screen({ id: 'a', text: probe }));
    expect(before).toEqual(expect.arrayContaining(['ads.qq']));
    filter.screen({ id: 'long', text: long });
    expect(rulesOf(filter.screen({ id: 'b', text: probe }))).toEqual(before);
  });
});
