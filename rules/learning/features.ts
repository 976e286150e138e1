// What a decision teaches from, and what screening compares: the item's normalised text, reduced in one pass to
// a SimHash fingerprint and a list of hashed character n-gram buckets. Computed where the decision is made and
// stored with it (no text is kept), so every worker replays the same example.
import { normaliseText } from '../normalise';
import { fingerprintToHex, MIN_FINGERPRINT_CHARS, type Fingerprint } from './simhash';

/** Bumped when `analyse` changes; stored examples of another version are ignored. */
export const FEATURE_VERSION = 1;

/** Hash space of the online model: 2^15 weights (128 KiB of Float32 per category head). */
export const FEATURE_BITS = 15;

/** Only the start of a long text is used (the hot path stays bounded for 100 KB posts). */
export const MAX_LEARNING_CHARS = 2000;

const MASK = (1 << FEATURE_BITS) - 1;
const MAX_N = 4;

/** murmur3 finaliser: FNV alone leaves short inputs' bits poorly mixed. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The text the learning sees: title and body, normalised like the filter's keyword scan, bounded. */
export function learningText(input: { title?: string | null; text?: string | null }): string {
  const raw = [input.title ?? '', input.text ?? ''].filter(Boolean).join('\n');
  return normaliseText(raw.length > MAX_LEARNING_CHARS ? raw.slice(0, MAX_LEARNING_CHARS) : raw);
}

export interface Analysis {
  /** Null for a text too short to compare ("好的" resembles too much). */
  fingerprint: Fingerprint | null;
  /** Bucket of every character 1- to 4-gram, in text order (a repeated n-gram appears again: term frequency). */
  features: Int32Array;
}

/** Vertical (bit-sliced) counters: plane p holds bit p of each of the 32 per-bit counts; 12 planes count to 4,095. */
const PLANES = 12;
const planesHi = new Int32Array(PLANES);
const planesLo = new Int32Array(PLANES);

/** Adds 1 to the count of every bit set in x: a ripple carry through the planes, two or three steps on average. */
function countBits(planes: Int32Array, x: number): void {
  for (let p = 0; x !== 0 && p < PLANES; p++) {
    const carry = planes[p] & x;
    planes[p] ^= x;
    x = carry;
  }
}

/** Bit b set where more than half of the shingles had it set. */
function majority(planes: Int32Array, shingles: number): number {
  // No count exceeds `shingles`, so the planes above its bit length are all zero.
  const used = Math.min(PLANES, 32 - Math.clz32(shingles));
  let out = 0;
  for (let b = 0; b < 32; b++) {
    let n = 0;
    for (let p = 0; p < used; p++) n |= ((planes[p] >>> b) & 1) << p;
    if (2 * n > shingles) out |= 1 << b;
  }
  return out;
}

/**
 * One pass over normalised text. With `scratch`, the features are written into it (no allocation on the screening
 * path) and are valid only until the next call with the same scratch. Characters, not words: Chinese needs no segmenter this way, and the same
 * buckets work for the English and pinyin spam the normaliser leaves as letters. The SimHash shingles are the
 * character bigrams: they survive the small edits spammers make to a repeated message.
 */
export function analyse(normalised: string, scratch?: Int32Array): Analysis {
  const len = Math.min(normalised.length, MAX_LEARNING_CHARS);
  const size = Math.max(0, len * MAX_N - (MAX_N * (MAX_N - 1)) / 2);
  const features = scratch && scratch.length >= size ? scratch : new Int32Array(size);
  let m = 0;
  let shingles = 0;
  planesHi.fill(0);
  planesLo.fill(0);
  for (let i = 0; i < len; i++) {
    let h = 0x811c9dc5 | 0;
    const top = Math.min(MAX_N, len - i);
    for (let n = 1; n <= top; n++) {
      h = Math.imul(h ^ normalised.charCodeAt(i + n - 1), 0x01000193);
      features[m++] = mix(h ^ n) & MASK;
      if (n === 2) {
        shingles++;
        countBits(planesHi, mix(h));
        countBits(planesLo, mix(h ^ 0x5bd1e995));
      }
    }
  }
  let fingerprint: Fingerprint | null = null;
  if (len >= MIN_FINGERPRINT_CHARS) fingerprint = { hi: majority(planesHi, shingles), lo: majority(planesLo, shingles) };
  return { fingerprint, features: m === features.length ? features : features.subarray(0, m) };
}

/** Room for the features of the longest learning text, for callers that use them at once and keep nothing. */
export function featureScratch(): Int32Array {
  return new Int32Array(MAX_LEARNING_CHARS * MAX_N);
}

/** The fingerprint of already-normalised text, or null when the text is too short to compare. */
export function simhash(normalised: string): Fingerprint | null {
  return analyse(normalised).fingerprint;
}

/** One decision's evidence, as stored (no text: a fingerprint and hashed buckets). */
export interface ExampleFeatures {
  fingerprint: string | null;
  features: Int32Array;
}

export function exampleFeatures(input: { title?: string | null; text?: string | null }): ExampleFeatures {
  const a = analyse(learningText(input));
  return { fingerprint: a.fingerprint ? fingerprintToHex(a.fingerprint) : null, features: a.features };
}
