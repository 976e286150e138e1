/*
 * Text normalisation for the classifier only. The filter's own normaliser (rules/normalise*) keeps an
 * offset map for explainable hits; the classifier needs none, so this one is a cheap, lossy fold that
 * makes the same comment look the same to the model however it was typed.
 */

/** Traditional→simplified pairs (code units) are stored in the model so prediction does not need opencc. */
export type FoldPairs = Array<[number, number]>;

export class Folder {
  private readonly table: Uint16Array;
  private buf: Uint16Array = new Uint16Array(1024);

  constructor(pairs: FoldPairs) {
    const table = new Uint16Array(65536);
    for (let i = 0; i < 65536; i++) table[i] = i;
    // Upper case after NFKC is handled by toLowerCase(); here only CJK folds and invisible characters.
    for (const [from, to] of pairs) table[from] = to;
    for (const c of INVISIBLE) table[c] = 0;
    this.table = table;
  }

  /**
   * NFKC, lower case, traditional→simplified, invisible characters removed, runs of one character
   * capped at three (哈哈哈哈哈 and 哈哈哈 carry the same signal), whitespace runs collapsed.
   */
  fold(text: string): string {
    let s: string;
    try {
      s = text.normalize('NFKC').toLowerCase();
    } catch {
      // normalize() cannot throw on a JS string today; keep predict() total regardless.
      s = text.toLowerCase();
    }
    const n = s.length;
    if (this.buf.length < n) this.buf = new Uint16Array(n + 1024);
    const out = this.buf;
    const table = this.table;
    let len = 0;
    let prev = -1;
    let run = 0;
    for (let i = 0; i < n; i++) {
      let c = table[s.charCodeAt(i)];
      if (c === 0) continue;
      if (c === 0x3000 || c === 0x09 || c === 0x0a || c === 0x0d) c = 0x20;
      if (c === prev) {
        run++;
        if (run >= 3) continue;
      } else {
        run = 0;
        prev = c;
      }
      if (c === 0x20 && (len === 0 || out[len - 1] === 0x20)) continue;
      out[len++] = c;
    }
    return decode(out, len);
  }
}

const INVISIBLE: number[] = [
  0x00ad, 0x034f, 0x061c, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060,
  0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0xfe00, 0xfe01, 0xfe02, 0xfe03, 0xfe04, 0xfe05, 0xfe06, 0xfe07, 0xfe08, 0xfe09,
  0xfe0a, 0xfe0b, 0xfe0c, 0xfe0d, 0xfe0e, 0xfe0f,
];

function decode(buf: Uint16Array, len: number): string {
  // fromCharCode.apply has an argument-count limit; chunk to stay well under it.
  let s = '';
  for (let i = 0; i < len; i += 8192) {
    s += String.fromCharCode.apply(null, buf.subarray(i, Math.min(len, i + 8192)) as unknown as number[]);
  }
  return s;
}
