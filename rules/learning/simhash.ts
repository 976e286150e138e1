// SimHash (Charikar) fingerprints: 64 bits whose Hamming distance tracks how much two texts share. They are
// computed in features.ts (`analyse`), in the same pass as the model's n-grams; here are their type and distance.

/** Two 32-bit halves (signed int32, so they stay small integers in V8); distance is two popcounts, no BigInt. */
export interface Fingerprint {
  hi: number;
  lo: number;
}

/** Texts shorter than this (normalised characters) get no fingerprint: "好的" resembles too much. */
export const MIN_FINGERPRINT_CHARS = 8;

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits (0..64). */
export function hamming(a: Fingerprint, b: Fingerprint): number {
  return popcount(a.hi ^ b.hi) + popcount(a.lo ^ b.lo);
}

/** 16 hex digits, as stored. */
export function fingerprintToHex(f: Fingerprint): string {
  return (f.hi >>> 0).toString(16).padStart(8, '0') + (f.lo >>> 0).toString(16).padStart(8, '0');
}

export function fingerprintFromHex(hex: string): Fingerprint | null {
  if (!/^[0-9a-f]{16}$/.test(hex)) return null;
  return { hi: parseInt(hex.slice(0, 8), 16) | 0, lo: parseInt(hex.slice(8), 16) | 0 };
}
