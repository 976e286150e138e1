/**
 * 64-bit DCT perceptual hash (the pHash / Python `imagehash.phash` construction): a 32×32 greyscale
 * thumbnail, its 2-D DCT-II, the 8×8 lowest frequencies, one bit per coefficient above their median.
 * Written here rather than taken from `sharp-phash` (same algorithm, returns a 64-char bit string and
 * does its own decode) so that it shares the decode pipeline with the other variants.
 */
export const HASH_SIZE = 32;
const LOW = 8;

// Row k of the DCT-II basis, sampled at the 32 positions; computed once.
const COS: Float64Array[] = Array.from({ length: LOW }, (_, k) => {
  const row = new Float64Array(HASH_SIZE);
  for (let n = 0; n < HASH_SIZE; n++) row[n] = Math.cos((Math.PI / HASH_SIZE) * (n + 0.5) * k);
  return row;
});

/** `grey` holds HASH_SIZE × HASH_SIZE 8-bit luminance values, row-major. Returns 16 hex digits. */
export function phashFromGrey(grey: Uint8Array): string {
  if (grey.length !== HASH_SIZE * HASH_SIZE) {
    throw new RangeError(`phash needs ${HASH_SIZE}×${HASH_SIZE} pixels, got ${grey.length}`);
  }
  // Separable DCT, keeping only the first LOW frequencies in each direction.
  const rows = new Float64Array(HASH_SIZE * LOW); // [y][u]
  for (let y = 0; y < HASH_SIZE; y++) {
    for (let u = 0; u < LOW; u++) {
      const c = COS[u];
      let s = 0;
      for (let x = 0; x < HASH_SIZE; x++) s += grey[y * HASH_SIZE + x] * c[x];
      rows[y * LOW + u] = s;
    }
  }
  const coeffs = new Float64Array(LOW * LOW); // [v][u]
  for (let v = 0; v < LOW; v++) {
    const c = COS[v];
    for (let u = 0; u < LOW; u++) {
      let s = 0;
      for (let y = 0; y < HASH_SIZE; y++) s += rows[y * LOW + u] * c[y];
      coeffs[v * LOW + u] = s;
    }
  }
  const sorted = Float64Array.from(coeffs).sort();
  const median = (sorted[31] + sorted[32]) / 2;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let n = 0;
    for (let b = 0; b < 4; b++) n = (n << 1) | (coeffs[nibble * 4 + b] > median ? 1 : 0);
    hex += n.toString(16);
  }
  return hex;
}

const POPCOUNT4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];
const HEX16 = /^[0-9a-f]{16}$/i;

/** Number of differing bits between two 16-hex-digit hashes (64 for a malformed argument, never a match). */
export function hammingDistance(a: string, b: string): number {
  if (!HEX16.test(a) || !HEX16.test(b)) return 64;
  let d = 0;
  for (let i = 0; i < 16; i++) d += POPCOUNT4[parseInt(a[i], 16) ^ parseInt(b[i], 16)];
  return d;
}

export function isPhash(value: string): boolean {
  return HEX16.test(value);
}
