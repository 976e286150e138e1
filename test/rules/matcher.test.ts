import fc from 'fast-check';
import { Automaton, MAX_GAP, PF_LATIN_GAP, PF_WORD, Scanner, type ScanMode } from '../../rules/automaton';
import { CompiledFilter, MAX_HITS_PER_RULE } from '../../rules/filter';
import {
  ASTRAL_IGNORE,
  ASTRAL_MAPPED,
  ASTRAL_RAW,
  ASTRAL_SEP,
  CLS_EXPAND,
  CLS_HIGH,
  CLS_WORD,
  KIND_ALNUM,
  KIND_DIGIT,
  astralClass,
  foldTables,
  normalise,
  normaliseText,
} from '../../rules/normalise';
import { loadPacks, shippedPacksDir } from '../../rules/packs';
import { lightFold, regexClauses, regexTriggers } from '../../rules/regex';
import { packDir } from './helpers';
import { scanModule, WasmScanner } from '../../rules/wasm-scanner';

// A deliberately naive reference for the scanner: fold the field into a list of units (with the
// original span, the separator run before each unit and its letter/digit kind), then try every
// pattern at every unit. The accept rules are transcribed from the README ("Separators inside
// terms, and not gluing words"), not from the optimised code.
interface Unit {
  u: number;
  start: number;
  end: number;
  gap: number;
  alnum: boolean;
}

function units(s: string, mode: ScanMode): Unit[] {
  const t = foldTables();
  const outU: Unit[] = [];
  let gap = 0;
  const emit = (folded: string, start: number, end: number): boolean => {
    let any = false;
    for (let k = 0; k < folded.length; k++) {
      const u = folded.charCodeAt(k);
      const kind = t.kind[u];
      if (mode === 'pinyin' && kind & KIND_DIGIT) continue;
      // Pinyin mode: a letter of another script (Han…) is a unit no pattern contains, so it ends any match.
      outU.push({ u: mode === 'pinyin' && !(kind & KIND_ALNUM) ? -1 : u, start, end, gap, alnum: (kind & KIND_ALNUM) !== 0 });
      gap = 0;
      any = true;
    }
    return any;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const cls = t.cls[c];
    if (cls === CLS_WORD) {
      const f = t.fold[c];
      const kind = t.kind[f];
      if (mode === 'pinyin' && kind & KIND_DIGIT) {
        if (f > 0x35) gap++;
        continue;
      }
      emit(String.fromCharCode(f), i, i + 1);
    } else if (cls === CLS_EXPAND) {
      const f = t.expand.get(c) ?? '';
      if (!emit(f, i, i + 1)) gap++;
    } else if (cls === CLS_HIGH && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      const cp = s.codePointAt(i) ?? 0;
      const a = astralClass(cp, t);
      if (a === ASTRAL_MAPPED) {
        if (!emit(t.astral.get(cp) ?? '', i, i + 2)) gap++;
      } else if (a === ASTRAL_RAW && mode === 'text') {
        outU.push({ u: c, start: i, end: i + 2, gap, alnum: false });
        outU.push({ u: s.charCodeAt(i + 1), start: i, end: i + 2, gap: 0, alnum: false });
        gap = 0;
      } else if (a === ASTRAL_SEP || a === ASTRAL_RAW) gap++;
      else if (a !== ASTRAL_IGNORE) gap++;
      i++;
    } else if (cls !== 0 /* CLS_IGNORE */) gap++;
  }
  return outU;
}

function naive(s: string, patterns: string[], flags: number[], mode: ScanMode): string[] {
  const us = units(s, mode);
  const found: string[] = [];
  const alnumAfter = (last: number): boolean => {
    let j = last + 1;
    while (j < us.length && us[j].start < us[last].end) j++;
    return j < us.length && us[j].gap === 0 && us[j].alnum;
  };
  const continuesBefore = (first: number): boolean => first > 0 && us[first].gap === 0 && us[first].alnum && us[first - 1].alnum;
  for (let first = 0; first < us.length; first++) {
    patterns.forEach((p, pi) => {
      const last = first + p.length - 1;
      if (last >= us.length) return;
      for (let k = 0; k < p.length; k++) {
        if (us[first + k].u !== p.charCodeAt(k)) return;
        if (k > 0 && us[first + k].gap > MAX_GAP) return;
      }
      const f = flags[pi];
      if (f & PF_WORD) {
        if (continuesBefore(first)) return;
        if (us[last].alnum && alnumAfter(last)) return;
      }
      if (f & PF_LATIN_GAP) {
        for (let k = first + 1; k <= last; k++) {
          if (!(us[k].gap > 0 && us[k].alnum && us[k - 1].alnum)) continue;
          // The words on both sides of this gap must lie wholly inside the match.
          let j = k - 1;
          while (j > first && us[j].gap === 0 && us[j - 1].alnum) j--;
          if (j === first && continuesBefore(first)) return;
          j = k;
          while (j < last && us[j + 1].gap === 0 && us[j + 1].alnum) j++;
          if (j === last && alnumAfter(last)) return;
        }
      }
      found.push(`${pi}@${us[first].start}-${us[last].end}`);
    });
  }
  return found.sort();
}

function optimised(sc: Scanner, s: string): string[] {
  sc.scan(s);
  const r: string[] = [];
  for (let k = 0; k < sc.count; k++) r.push(`${sc.mPat[k]}@${sc.mStart[k]}-${sc.mEnd[k]}`);
  return r.sort();
}

const termAlphabet = [...'加微信薇赌场澳门百家乐性交一次纳casinobjlqv0123'];
const noise = [
  ...' .*|_-，。！：Ｑ１ⓐ①⑩㎏ﬁ賭場саΒΕ',
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
  'x',
  'M',
  '9',
  '好',
  ' '.repeat(MAX_GAP),
  ' '.repeat(MAX_GAP + 1),
];

const patternArb = fc
  .array(fc.constantFrom(...termAlphabet, '𠀀'), { minLength: 1, maxLength: 5 })
  .map((a) => normaliseText(a.join('')))
  .filter((p) => p.length > 0);

/** Patterns, their flags (the first patterns.length of 12) and a text of terms and noise. */
const textCase = [
  fc.uniqueArray(patternArb, { minLength: 1, maxLength: 12 }),
  fc.array(fc.constantFrom(0, PF_LATIN_GAP, PF_WORD, PF_LATIN_GAP | PF_WORD), { minLength: 12, maxLength: 12 }),
  fc.array(fc.constantFrom(...termAlphabet, ...noise), { maxLength: 60 }).map((a) => a.join('')),
] as const;

describe('double-array scanner equals a naive reference matcher', () => {
  it('on random patterns, flags and texts (text mode)', () => {
    fc.assert(
      fc.property(...textCase, (patterns, flags, text) => {
        const f = patterns.map((_, i) => flags[i]);
        const sc = new Scanner(new Automaton(patterns, f), 'text');
        expect(optimised(sc, text)).toEqual(naive(text, patterns, f, 'text'));
      }),
      { numRuns: 400 },
    );
  });

  it('the WebAssembly scan finds the same matches, letter clusters, counts and separator marks as the JavaScript one', () => {
    const module = scanModule();
    expect(module).not.toBeNull();
    const marks = new Map([
      ['.', 1],
      ['，', 2],
      [' ', 4],
    ]);
    fc.assert(
      fc.property(...textCase, (patterns, flags, text) => {
        const aut = new Automaton(
          patterns,
          patterns.map((_, i) => flags[i]),
        );
        const js = new Scanner(aut, 'text');
        const wasm = new WasmScanner(aut, module!);
        js.markSeparators(marks);
        wasm.markSeparators(marks);
        expect(optimised(wasm, text)).toEqual(optimised(js, text));
        const summary = (sc: Scanner): unknown[] => [sc.alnum, sc.digits, sc.latinFrom, sc.latinTo, sc.sepMarks, sc.lightChanged, sc.digitRun];
        expect(summary(wasm)).toEqual(summary(js));
        // The scan's note that the regexes' light fold would change the text is exact.
        expect(js.lightChanged).toBe(lightFold(text).starts !== null);
        expect(Array.from(wasm.clusters.subarray(0, 2 * wasm.clusterCount))).toEqual(Array.from(js.clusters.subarray(0, 2 * js.clusterCount)));
      }),
      { numRuns: 400 },
    );
  });

  it('the WebAssembly scan makes room for any number of matches and clusters, and any length of text', () => {
    const aut = new Automaton(['a', 'aa', 'b'], [0, 0, PF_WORD]);
    const js = new Scanner(aut, 'text');
    const wasm = new WasmScanner(aut, scanModule()!);
    // 20,000 matches (more than the first match space), then 3,000 clusters, then 3 MB of text.
    const texts = ['a'.repeat(10_000), ('ab' + ' '.repeat(MAX_GAP + 1)).repeat(3000), '好a '.repeat(500_000)];
    for (const text of texts) {
      expect(optimised(wasm, text)).toEqual(optimised(js, text));
      expect(wasm.clusterCount).toBe(js.clusterCount);
      expect(Array.from(wasm.clusters.subarray(0, 2 * wasm.clusterCount))).toEqual(Array.from(js.clusters.subarray(0, 2 * js.clusterCount)));
    }
    // And a short text after the long ones still scans correctly.
    expect(optimised(wasm, 'xa aa')).toEqual(optimised(js, 'xa aa'));
  });

  it('filters built from packs scan in WebAssembly, with the same verdicts as the JavaScript scan', () => {
    const packs = loadPacks([shippedPacksDir()]);
    const wasm = new CompiledFilter(packs);
    const js = new CompiledFilter(packs, { wasm: false });
    expect(wasm.scanner).toBe('wasm');
    expect(js.scanner).toBe('js');
    const texts = [
      '加微信 abc123，澳门赌场 c.a.s.i.n.o 百jia乐 ㎏ 😀 草泥⻢',
      '联系 QQ：12345678 邮箱 a@b.com 一次性交纳',
      'rm -rf / http://1.2.3.4/x.exe 🈲止',
    ];
    for (const text of texts) expect(wasm.screen({ text })).toEqual(js.screen({ text }));
  });

  it('on random pinyin-like patterns (pinyin mode: tone digits vanish, Han characters end a match, the rest separates)', () => {
    const latin = fc.array(fc.constantFrom(...'baijlesxo'), { minLength: 2, maxLength: 6 }).map((a) => a.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(latin, { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom(...'baijlesxoBǎ1245789 .加ⓐ⑩𝐜😀\u200B'), { maxLength: 50 }).map((a) => a.join('')),
        (patterns, text) => {
          const f = patterns.map((p) => PF_LATIN_GAP | (p.length < 4 ? PF_WORD : 0));
          const sc = new Scanner(new Automaton(patterns, f), 'pinyin');
          expect(optimised(sc, text)).toEqual(naive(text, patterns, f, 'pinyin'));
          // Scanning only the Latin span gives the same matches as scanning the whole field.
          const main = new Scanner(new Automaton(['加'], [0]), 'text');
          main.scan(text);
          sc.scan(text, main.latinFrom, main.latinTo);
          const part: string[] = [];
          for (let k = 0; k < sc.count; k++) part.push(`${sc.mPat[k]}@${sc.mStart[k]}-${sc.mEnd[k]}`);
          expect(part.sort()).toEqual(naive(text, patterns, f, 'pinyin'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('pinyin scans over the letter clusters of the main scan find what a whole-field scan finds', () => {
    const latin = fc.array(fc.constantFrom(...'baijlesxo'), { minLength: 2, maxLength: 6 }).map((a) => a.join(''));
    // Runs around MAX_GAP long of separators, ignorables, tone digits, other digits and astral symbols.
    const run = (unit: string): fc.Arbitrary<string> => fc.integer({ min: MAX_GAP - 3, max: MAX_GAP + 3 }).map((n) => unit.repeat(n));
    const piece = fc.oneof(
      fc.constantFrom(...'baijlesxoBǎ1245789 .加ⓐ⑩𝐜😀\u200B'),
      run(' '),
      run('加'),
      run('\u200B'),
      run('3'),
      run('8'),
      run('😀'),
      run('𝐜'),
      fc.constantFrom(' \u200B'.repeat(13), '加3'.repeat(13), '\u200B加'.repeat(13)),
    );
    // Texts are pattern fragments with those runs between them, so matches across a gap are common.
    const input = fc.uniqueArray(latin, { minLength: 1, maxLength: 8 }).chain((patterns) =>
      fc.tuple(
        fc.constant(patterns),
        fc
          .array(
            fc.oneof(
              piece,
              fc.constantFrom(...patterns.flatMap((p) => [p, p.slice(0, 1), p.slice(1), p.slice(0, 2), p.slice(2)])),
              // A pattern cut in two by a run: found iff the run is short enough.
              fc.tuple(fc.constantFrom(...patterns), fc.integer({ min: 1, max: 5 }), piece).map(([p, k, r]) => p.slice(0, k) + r + p.slice(k)),
            ),
            { maxLength: 10 },
          )
          .map((a) => a.join('')),
      ),
    );
    fc.assert(
      fc.property(input, ([patterns, text]) => {
        const f = patterns.map((p) => PF_LATIN_GAP | (p.length < 4 ? PF_WORD : 0));
        const sc = new Scanner(new Automaton(patterns, f), 'pinyin');
        const main = new Scanner(new Automaton(['加'], [0]), 'text');
        main.scan(text);
        const part: string[] = [];
        for (let c = 0; c < main.clusterCount; c++) {
          sc.scan(text, main.clusters[2 * c], main.clusters[2 * c + 1]);
          for (let k = 0; k < sc.count; k++) part.push(`${sc.mPat[k]}@${sc.mStart[k]}-${sc.mEnd[k]}`);
        }
        expect(part.sort()).toEqual(naive(text, patterns, f, 'pinyin'));
      }),
      { numRuns: 500 },
    );
  });

  it('builds a correct double array for thousands of overlapping terms', () => {
    const chars = [...'的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生'];
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const set = new Set<string>();
    while (set.size < 3000) {
      let t = '';
      for (let k = 0, len = 1 + rnd(4); k < len; k++) t += chars[rnd(chars.length)];
      set.add(t);
    }
    const patterns = [...set];
    const flags = patterns.map(() => 0);
    const sc = new Scanner(new Automaton(patterns, flags), 'text');
    for (let n = 0; n < 20; n++) {
      let text = '';
      for (let k = 0; k < 200; k++) text += rnd(10) === 0 ? '，' : chars[rnd(chars.length)];
      expect(optimised(sc, text)).toEqual(naive(text, patterns, flags, 'text'));
    }
  });
});

describe('normaliseText', () => {
  it('equals the text of the reference normaliser with offsets', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...termAlphabet, ...noise), { maxLength: 60 }).map((a) => a.join('')),
        (s) => {
          expect(normaliseText(s)).toBe(normalise(s).text);
        },
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(normaliseText(s)).toBe(normalise(s).text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('regex prefilters', () => {
  it('derive required literals from common pattern shapes', () => {
    expect(regexTriggers('(?:QQ|扣扣)[:：]?\\d{5,11}', normaliseText)).toEqual({ folded: ['qq', '扣扣'], chars: [], also: [] });
    expect(regexTriggers('ab+c', normaliseText)).toEqual({ folded: ['ab'], chars: [], also: [] });
    expect(regexTriggers('(ab|cd)?x', normaliseText)).toEqual({ folded: ['x'], chars: [], also: [] });
    expect(regexTriggers('[a-z0-9]+@[a-z]+', normaliseText)).toEqual({ folded: [], chars: ['@'], also: [['@']] });
    // Separators every match needs besides the best literal, from literals and separator classes.
    expect(regexTriggers('(?:v|薇)\\s*[:：]\\s*[a-z]{6}', normaliseText)).toEqual({ folded: ['v', '薇'], chars: [], also: [[':', '：']] });
    expect(regexTriggers('https?://\\w+\\.com', normaliseText)).toEqual({ folded: ['http'], chars: [], also: [[':'], ['/'], ['.']] });
    // Only what every branch needs, and nothing from optional parts, ranges or other classes.
    expect(regexTriggers('(?:ab:|cd:)x|(?:ef:)y', normaliseText)?.also).toEqual([[':']]);
    expect(regexTriggers('(?:ab:|cd)x', normaliseText)?.also).toEqual([]);
    expect(regexTriggers('ab[:：]?[!-/][^:][\\s:]', normaliseText)?.also).toEqual([]);
    // Top-level branches get a clause each: the fork bomb's colon alone no longer arms `rm -rf /`.
    expect(regexClauses('rm\\s+-rf\\s+/|:\\(\\)\\{', normaliseText)).toEqual([
      { folded: ['rm'], chars: [], also: [['-'], ['/']] },
      { folded: [], chars: [':'], also: [[':'], ['('], [')'], ['{']] },
    ]);
    expect(regexClauses('(?:a|b)*c', normaliseText)).toEqual([{ folded: ['c'], chars: [], also: [] }]);
    expect(regexClauses('ab|\\d+', normaliseText)).toBeNull();
    expect(regexTriggers('\\d{5,}|foo', normaliseText)).toBeNull();
    expect(regexTriggers('(?:a|b)*\\w', normaliseText)).toBeNull();
    // A bounded run of what the keyword scan steps over does not end a literal (微 信 still needs
    // 微信); an unbounded one, or a class with letters, does.
    expect(regexTriggers('微[ ._*]{0,3}信号', normaliseText)).toEqual({ folded: ['微信号'], chars: [], also: [] });
    expect(regexTriggers('扣\\s?扣', normaliseText)).toEqual({ folded: ['扣扣'], chars: [], also: [] });
    expect(regexTriggers('微[:：]信', normaliseText)).toEqual({ folded: ['微信'], chars: [], also: [[':', '：']] });
    expect(regexTriggers('微\\s*信', normaliseText)).toEqual({ folded: ['微'], chars: [], also: [] });
    expect(regexTriggers('微[a-z]{0,3}信', normaliseText)).toEqual({ folded: ['微'], chars: [], also: [] });
    // Never across more than the scan steps over (MAX_GAP): 微 + 20 + 20 separators + 信 is two literals.
    expect(regexTriggers('微\\s{0,20}[ _]{0,20}信', normaliseText)).toEqual({ folded: ['微'], chars: [], also: [] });
    expect(regexTriggers(`微 ${' '.repeat(MAX_GAP - 1)}\\s?信`, normaliseText)).toEqual({ folded: ['微'], chars: [], also: [[' ']] });
  });

  it('join a group of plain literals to the literal run right before or after it', () => {
    // 把 and 你 are in most fields; 把你, 把他, 把她 are not (and 杀 alone is in every crime story).
    expect(regexTriggers('把(?:你|他|她)们?[^。]{0,6}?了', normaliseText)).toEqual({ folded: ['把你', '把他', '把她'], chars: [], also: [] });
    expect(regexTriggers('(?:砍|捅|杀)了(?:你|他)?', normaliseText)).toEqual({ folded: ['砍了', '捅了', '杀了'], chars: [], also: [] });
    expect(regexTriggers('(?:a|b)c', normaliseText)).toEqual({ folded: ['ac', 'bc'], chars: [], also: [] });
    // Folded as one literal: full-width and case as the scan sees them.
    expect(regexTriggers('Ｘ(?:Ａ|b)', normaliseText)).toEqual({ folded: ['xa', 'xb'], chars: [], also: [] });
    // Not when the group is optional or repeated, holds anything but plain literals, or something
    // stands between the two; and a longer literal elsewhere still wins.
    expect(regexTriggers('(?:c|d)?ef', normaliseText)).toEqual({ folded: ['ef'], chars: [], also: [] });
    expect(regexTriggers('(?:c|d)+e', normaliseText)?.folded).toEqual(['e']);
    expect(regexTriggers('(?:c|[de])f', normaliseText)).toEqual({ folded: ['f'], chars: [], also: [] });
    expect(regexTriggers('把(?:你|他)?[^。]{0,3}(?:烧|炸)', normaliseText)?.folded).toEqual(['烧', '炸']);
    expect(regexTriggers('(?:你|他)了[^。]{0,3}一把火点了', normaliseText)?.folded).toEqual(['一把火点了']);
    // Too many alternatives to be worth their patterns: the group stays as it is.
    const many = Array.from({ length: 20 }, (_, k) => String.fromCharCode(0x4e00 + 100 + k)).join('|');
    expect(regexTriggers(`甲(?:${many})`, normaliseText)?.folded.some((f) => f.length > 1)).toBe(false);
  });

  // The shipped packs with and without prefilters must give identical verdicts.
  const packs = loadPacks([shippedPacksDir()]);
  const withPf = new CompiledFilter(packs);
  // The reference also scans in JavaScript, so this compares the whole WebAssembly path too.
  const without = new CompiledFilter(packs, { regexPrefilter: false, wasm: false });
  const pieces = [
    ...'加微信vxwxqq扣扣电话打http://www.ftp:@.com点cnmex5o!19201386662123456789 -/:()，。ＱＱ：１２３a',
    'javascript:',
    'powershell -enc ',
    'rm -rf /',
    ':(){ :|:& };:',
    'zhang.san@example.com',
    '138-1234-5678',
    '6222 0212 3456 7894',
    '11010519491231002X',
    'ＷＷＷ．',
    'ｈｔｔｐ',
    '\u200B',
    '😀',
    '網址',
    'https://1.2.3.4/x',
    'wx:abc12345',
    'ＷＸ',
    '微\u200B信',
    '薇信号：',
    'qq：12345678',
    '扣扣',
    'www.example.com',
    'abc点com',
    'ｅｘａｍｐｌｅ',
    'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*',
    'http://x.com/a.exe',
    '电话 13812345678',
    '微 信：',
    '微*信号 ',
    '薇 信',
    '扣 扣 ',
    '1 3 8 1 2 3 4 5 6 7 8',
    'abc . com',
    '把你',
    '把 他',
    '们',
    '一把火点了',
    '杀了',
    '砍 了',
    '迟早',
  ];
  it('arms a regex whose only triggers are digits by its digit-run gate, with or without WebAssembly', () => {
    const dir = packDir({
      'digits.yaml': [
        'category: advertising',
        'rules:',
        '  - id: t.mobile',
        "    pattern: '1[3-9]\\d{9}'",
        '    minDigitRun: 11',
        '  - id: t.hotline',
        "    pattern: '400[- ]?\\d{3}[- ]?\\d{4}'",
        '    minDigitRun: 10',
      ].join('\n'),
    });
    for (const wasm of [true, false]) {
      const f = new CompiledFilter(loadPacks([dir]), { wasm });
      const ids = (text: string): string[] => f.screen({ text }).labels.flatMap((l) => l.hits.map((h) => `${h.rule}:${h.text}`));
      expect(ids('电话13812345678，热线400-123-4567')).toEqual(['t.mobile:13812345678', 't.hotline:400-123-4567']);
      expect(ids('全角１３８１２３４５６７８')).toEqual(['t.mobile:１３８１２３４５６７８']);
      expect(ids('1381234567 短一位，400123456 也短')).toEqual([]);
    }
  });

  it('the shipped minDigitRun gates never change a verdict either (same random inputs)', () => {
    const ungated = new CompiledFilter(
      packs.map((p) => ({ ...p, rules: p.rules.map((r) => (r.kind === 'pattern' ? { ...r, minDigitRun: 0 } : r)) })),
      { regexPrefilter: false, wasm: false },
    );
    expect(packs.some((p) => p.rules.some((r) => r.kind === 'pattern' && r.minDigitRun > 0))).toBe(true);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces, ...'0123456789 -.'), { maxLength: 50 }).map((a) => a.join('')),
        (text) => {
          expect(withPf.screen({ text })).toEqual(ungated.screen({ text }));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never change a verdict (random inputs from pattern fragments)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
        (text) => {
          expect(withPf.screen({ text })).toEqual(without.screen({ text }));
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('the WebAssembly keyword stage', () => {
  // Terms shared by several rules, proximity rules, allow phrases inside terms, a regex armed by a
  // keyword, and a term that repeats past the per-rule cap: every way matches become hits.
  const yaml = [
    'category: other_illegal',
    'version: t1',
    'rules:',
    '  - id: t.a',
    '    terms: [赌场, 性交, 加微信, ab]',
    '  - id: t.b',
    '    terms: [赌场, 场子, 微信]',
    '    word: true',
    '  - id: t.near',
    '    all: [兼职, 微信, 日赚]',
    '    window: 12',
    '  - id: t.rx',
    '    pattern: "微信[:：]?[a-z]{3,8}"',
    '  - id: t.pinyin',
    '    terms: [赌博]',
    '    pinyin: true',
    'allow: [一次性交纳, 赌场子]',
  ].join('\n');
  const packs = loadPacks([packDir({ 't.yaml': yaml })]);
  const wasm = new CompiledFilter(packs);
  const js = new CompiledFilter(packs, { wasm: false });
  const pieces = [
    '赌场',
    '场子',
    '性交',
    '一次性交纳',
    '赌场子',
    '加微信',
    '微信',
    '兼职',
    '日赚',
    'ab',
    'abc',
    'dubo',
    'du bo',
    '：',
    'xyz',
    '\u200B',
    '\u0301',
    '😀',
    '，',
    ' ',
    '好',
  ];

  it('gives the verdicts of the JavaScript path on random texts from those pieces', () => {
    expect(wasm.scanner).toBe('wasm');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
        fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((a) => a.join('')),
        (text, title) => {
          expect(wasm.screen({ text, title })).toEqual(js.screen({ text, title }));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('caps and deduplicates hits per rule and field like the JavaScript path, past its first hit space', () => {
    // 1,200 rules that each hit once, and thousands of repeats, proximity occurrences and pinyin
    // matches: more than the module first has room for.
    const many = Array.from({ length: 1200 }, (_, i) => `  - id: m.r${i}\n    terms: [甲${String.fromCharCode(0x4e00 + i)}]`);
    const big = loadPacks([packDir({ 't.yaml': yaml, 'm.yaml': ['category: other_illegal', 'version: m1', 'rules:', ...many].join('\n') })]);
    const bigWasm = new CompiledFilter(big);
    const bigJs = new CompiledFilter(big, { wasm: false });
    const text =
      'du bo '.repeat(1100) +
      '兼职微信日赚' +
      '赌场'.repeat(3000) +
      '加微信'.repeat(700) +
      '兼职'.repeat(1500) +
      Array.from({ length: 1200 }, (_, i) => `甲${String.fromCharCode(0x4e00 + i)}`).join('');
    const v = bigWasm.screen({ text, title: '赌场赌场' });
    expect(v).toEqual(bigJs.screen({ text, title: '赌场赌场' }));
    const hits = v.labels.flatMap((l) => l.hits);
    expect(hits.filter((h) => h.rule === 't.a' && h.field === 'text')).toHaveLength(MAX_HITS_PER_RULE);
    expect(new Set(hits.filter((h) => h.rule.startsWith('m.')).map((h) => h.rule)).size).toBe(1200);
    expect(hits.some((h) => h.rule === 't.near')).toBe(true);
    expect(hits.filter((h) => h.rule === 't.pinyin')).toHaveLength(MAX_HITS_PER_RULE);
  });
});

describe('reused per-call state', () => {
  it('does not carry hits or labels from one screen() call into the next', () => {
    const packs = loadPacks([shippedPacksDir()]);
    const reused = new CompiledFilter(packs);
    const texts = ['澳门赌场 加微信', '今天天气很好', 'mail me: zhang.san@example.com', '', '一次性交纳', '加v：abc12345 兼职日赚'];
    const fresh = texts.map((t) => new CompiledFilter(packs).screen({ id: 'a', text: t, title: t }));
    for (let round = 0; round < 3; round++) {
      texts.forEach((t, i) => expect(reused.screen({ id: 'a', text: t, title: t })).toEqual(fresh[i]));
    }
    expect(reused.screen({ text: '今天天气很好' })).toEqual({ suggestion: 'pass', risk: 0, labels: [], engine: fresh[0].engine });
  });
});
