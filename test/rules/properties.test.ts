import fc from 'fast-check';
import { normaliseText } from '../../rules/normalise';
import { shipped } from './helpers';

// Characters that exercise every branch: term letters, separators, folds, invisibles, astral
// letters, emoji, lone surrogates.
const pool = [
  ...'加微信薇百家乐赌场澳门注册性交一次纳casinobjlqQ0123456789',
  // Hits with conditions after the scan: word boundaries, framing cues, except phrases.
  ...'色图蓝片提醒远离超市杀了你游戏',
  ...' .*|_-，。！：Ｑ１ⓐ①㎏ﬁ賭場саΒΕ',
  '\u200B',
  '\uFE0F',
  '\u202E',
  '\u0301',
  '😀',
  '𝐜',
  '🅰',
  '𠀀',
  '\uD800',
  '\uDC00',
  '\n',
];
const tricky = fc.array(fc.constantFrom(...pool), { maxLength: 80 }).map((a) => a.join(''));
const anyString = fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }));

describe('filter properties', () => {
  it('screen never throws, for any title and text', () => {
    fc.assert(
      fc.property(anyString, anyString, (title, text) => {
        shipped.screen({ id: 'p', title, text });
      }),
      { numRuns: 2000 },
    );
  });

  it('every hit satisfies original[field].slice(start, end) === hit.text', () => {
    fc.assert(
      fc.property(anyString, anyString, anyString, (title, text, ocr) => {
        const input = { title, text, fields: { 'images[0].ocr': ocr } };
        const v = shipped.screen(input);
        const fields: Record<string, string> = { title, text, 'images[0].ocr': ocr };
        for (const l of v.labels) {
          for (const h of l.hits) {
            expect(fields[h.field].slice(h.start, h.end)).toBe(h.text);
            expect(h.end).toBeGreaterThan(h.start);
            // Spans never start or end inside a surrogate pair.
            const s = fields[h.field];
            const isLow = (i: number): boolean => i > 0 && i < s.length && /[\uDC00-\uDFFF]/.test(s[i]) && /[\uD800-\uDBFF]/.test(s[i - 1]);
            expect(isLow(h.start) || isLow(h.end)).toBe(false);
          }
        }
        expect(v.risk).toBeGreaterThanOrEqual(0);
        expect(v.risk).toBeLessThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normaliser properties', () => {
  it('normalise(normalise(x)) === normalise(x)', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const once = normaliseText(s);
        expect(normaliseText(once)).toBe(once);
      }),
      { numRuns: 3000 },
    );
  });
});
