import { foldTables, normalise, normaliseText } from '../../rules/normalise';
import { t2sMap } from '../../rules/t2s';

describe('normaliser', () => {
  it('removes separators inserted between characters and keeps a map to the original', () => {
    const n = normalise('加 薇*信');
    expect(n.text).toBe('加薇信');
    expect(n.starts).toEqual([0, 2, 4]);
    expect(n.ends).toEqual([1, 3, 5]);
  });

  it('folds full-width, case, circled and enclosed forms', () => {
    expect(normaliseText('ＱＱ：１２３')).toBe('qq123');
    expect(normaliseText('ⒶⓑⒸ①②')).toBe('abc12');
    expect(normaliseText('CASINO')).toBe('casino');
  });

  it('folds Cyrillic and Greek look-alikes to Latin', () => {
    expect(normaliseText('саsinо')).toBe('casino');
    expect(normaliseText('ΒΕΤ365')).toBe('bet365');
  });

  it('reads CJK radicals and enclosed ideographs as the characters they show (草泥⻢, 🈲止)', () => {
    expect(normaliseText('草泥⻢')).toBe('草泥马');
    expect(normaliseText('⻋⻔⻬⻭')).toBe('车门齐齿');
    expect(normaliseText('🈲止🉐')).toBe('禁止得');
  });

  it('converts traditional to simplified Chinese', () => {
    expect(normaliseText('賭場這個發財')).toBe('赌场这个发财');
  });

  it('leaves simplified characters that are also regional variants alone', () => {
    expect(normaliseText('什么台')).toBe('什么台');
  });

  it('drops zero-width characters, variation selectors and bidi controls', () => {
    expect(normaliseText('a\u200Bb\uFE0Fc\u202Ed\u2066e')).toBe('abcde');
  });

  it('drops invisible characters outside the BMP too (tags, U+1BCA0, combining marks)', () => {
    expect(normaliseText('赌\u{E0020}博\u{1BCA0}网\u{1D167}站\u{E0100}')).toBe('赌博网站');
  });

  it('strips Latin tone marks and accents', () => {
    expect(normaliseText('bǎi jiā lè')).toBe('baijiale');
  });

  it('treats emoji as separators and maps mathematical letters', () => {
    expect(normaliseText('加😀微信')).toBe('加微信');
    expect(normaliseText('𝐜𝐚𝐬𝐢𝐧𝐨')).toBe('casino');
    const n = normalise('𝐜x');
    expect(n.starts).toEqual([0, 2]);
    expect(n.ends).toEqual([2, 3]);
  });

  it('never splits a surrogate pair', () => {
    const n = normalise('a𠀀b');
    expect(n.text).toBe('a𠀀b');
    expect(n.starts).toEqual([0, 1, 1, 3]);
    expect(n.ends).toEqual([1, 3, 3, 4]);
  });

  it('is idempotent for every BMP code unit', () => {
    const t = foldTables();
    const bad: number[] = [];
    for (let c = 0; c < 0xd800; c++) {
      const once = normaliseText(String.fromCharCode(c));
      if (normaliseText(once) !== once) bad.push(c);
    }
    expect(bad).toEqual([]);
    expect(t.fold.length).toBe(65536);
  });

  it('only skips opencc character conversions whose other side is outside the BMP', () => {
    const { skipped } = t2sMap();
    for (const [from, to] of skipped) {
      const astral = (s: string): boolean => [...s].some((ch) => (ch.codePointAt(0) ?? 0) > 0xffff);
      expect(astral(from) || astral(to) || [...from].length !== 1).toBe(true);
    }
  });
});
