import fc from 'fast-check';
import { stripSeparators } from '../../rules/hit-checks';

// The reference: what the context/except check did before the table (rules/README.md, "Conditions on hits").
const SEPARATORS = /[\s\p{P}\p{S}\p{Extended_Pictographic}]+/gu;
const pool = ['警', '方', 'a', 'V', '1', ' ', '-', '，', '·', '\u3000', '\u200b', '\ufe0f', '\u0301', '😀', '🔫', '💀', '©', '𠀀', '\ud83d', '\ude00', 'Ａ'];

describe('stripSeparators', () => {
  it('removes what the Unicode-property replace removes, lone surrogates kept', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.constantFrom(...pool), { maxLength: 40 }).map((a) => a.join('')),
          fc.string({ unit: 'binary', maxLength: 40 }),
        ),
        (s) => {
          expect(stripSeparators(s)).toBe(s.replace(SEPARATORS, ''));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('returns the same string when there is nothing to strip', () => {
    const s = '游戏里我要杀了你这个boss';
    expect(stripSeparators(s)).toBe(s);
    expect(stripSeparators('警 方-通·报😀')).toBe('警方通报');
  });
});
