// SimHash (Charikar): a 64-bit fingerprint whose Hamming distance tracks how much two texts share.
//
// Shingles are overlapping character bigrams of the filter's normalised text: Chinese has no spaces, so words
// are not a usable unit, and bigrams survive the small edits spammers make to a repeated message (a changed
// number, an inserted emoji, a swapped 微/薇 — the last already folded away by normalisation).

/** Two 32-bit halves; kept as numbers so distance is a pair of popcounts, not BigInt arithmetic. */
export interface Fingerprint {
  hi: number;
  lo: number;
}

/** Texts shorter than this (normalised characters) get no fingerprint: "好的" resembles too much. */
export const MIN_FINGERPRINT_CHARS = 8;

const SHINGLE = 2;

function fnv(seed: number, s: string, from: number, to: number): number {
  let h = seed | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  // murmur3 finaliser: FNV alone leaves the bits poorly mixed for short inputs.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** The fingerprint of already-normalised text, or null when the text is too short to compare. */
export function simhash(normalised: string): Fingerprint | null {
  if (normalised.length < MIN_FINGERPRINT_CHARS) return null;
  const v = new Int32Array(64);
  for (let i = 0; i + SHINGLE <= normalised.length; i++) {
    const a = fnv(0x811c9dc5, normalised, i, i + SHINGLE);
    const b = fnv(0x01234567, normalised, i, i + SHINGLE);
    for (let bit = 0; bit < 32; bit++) {
      v[bit] += (a >>> bit) & 1 ? 1 : -1;
      v[32 + bit] += (b >>> bit) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (v[bit] > 0) hi |= 1 << bit;
    if (v[32 + bit] > 0) lo |= 1 << bit;
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits (0..64). */
export function hamming(a: Fingerprint, b: Fingerprint): number {
  return popcount((a.hi ^ b.hi) >>> 0) + popcount((a.lo ^ b.lo) >>> 0);
}

/** 16 hex digits, as stored. */
export function fingerprintToHex(f: Fingerprint): string {
  return f.hi.toString(16).padStart(8, '0') + f.lo.toString(16).padStart(8, '0');
}

export function fingerprintFromHex(hex: string): Fingerprint | null {
  if (!/^[0-9a-f]{16}$/.test(hex)) return null;
  return { hi: parseInt(hex.slice(0, 8), 16) >>> 0, lo: parseInt(hex.slice(8), 16) >>> 0 };
}
