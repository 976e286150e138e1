// What a decision teaches from, and what screening compares: the item's normalised text, reduced in one pass to
// a SimHash fingerprint and a list of hashed character n-gram buckets. Computed where the decision is made and
// stored with it (no text is kept), so every worker replays the same example.
import { normaliseInto, normaliseText } from '../normalise';
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
/** The normalised units being analysed (no call keeps them). */
const units = new Uint16Array(MAX_LEARNING_CHARS);

/** Adds 2^from to the count of every bit set in x: a ripple carry through the planes from plane `from`. */
function addAt(planes: Int32Array, from: number, x: number): void {
  for (let p = from; x !== 0 && p < PLANES; p++) {
    const carry = planes[p] & x;
    planes[p] ^= x;
    x = carry;
  }
}

/**
 * Bit b set where more than half of the shingles had it set: the 32 counts are compared with ⌊shingles/2⌋ + 1 at
 * once, plane by plane from the top (a bit-sliced comparator, 12 steps instead of 32 × 12).
 */
function majority(planes: Int32Array, shingles: number): number {
  const need = (shingles >>> 1) + 1;
  let greater = 0;
  let equal = -1;
  for (let p = PLANES - 1; p >= 0; p--) {
    const bits = planes[p];
    if ((need >>> p) & 1) equal &= bits;
    else {
      greater |= equal & bits;
      equal &= ~bits;
    }
  }
  return greater | equal;
}

/** What `analyseUnits` found: the fingerprint (when `fingerprinted`) and how many feature buckets it wrote. */
export interface Found {
  hi: number;
  lo: number;
  fingerprinted: boolean;
  count: number;
}

/**
 * The one pass over the first `len` normalised units in `units`. The features (when `features` is given) go into
 * it, the fingerprint into `out`. Characters, not words: Chinese needs no segmenter this way, and the same buckets
 * work for the English and pinyin spam the normaliser leaves as letters. The SimHash shingles are the character
 * bigrams: they survive the small edits spammers make to a repeated message.
 */
function analyseUnits(len: number, features: Int32Array | null, out: Found): void {
  let m = 0;
  let shingles = 0;
  planesHi.fill(0);
  planesLo.fill(0);
  // The bit counts of the last few shingles are kept in locals (a 3-bit counter per bit: ones, twos, fours) and
  // added to the planes every 7 shingles, so most shingles cost a few register operations and no memory traffic.
  let hi1 = 0;
  let hi2 = 0;
  let hi4 = 0;
  let lo1 = 0;
  let lo2 = 0;
  let lo4 = 0;
  for (let i = 0; i < len; i++) {
    // FNV-1a over the n-gram starting at i, extended one unit per n; bucket = mix(h ^ n).
    const h1 = Math.imul(0x811c9dc5 ^ units[i], 0x01000193);
    if (features) features[m++] = mix(h1 ^ 1) & MASK;
    if (i + 1 >= len) break;
    const h2 = Math.imul(h1 ^ units[i + 1], 0x01000193);
    if (features) features[m++] = mix(h2 ^ 2) & MASK;
    let x = mix(h2);
    let c = hi1 & x;
    hi1 ^= x;
    hi4 ^= hi2 & c;
    hi2 ^= c;
    x = mix(h2 ^ 0x5bd1e995);
    c = lo1 & x;
    lo1 ^= x;
    lo4 ^= lo2 & c;
    lo2 ^= c;
    // Every 7 shingles (a 3-bit counter holds 7), and after the last one (at i = len − 2).
    if (++shingles % 7 === 0 || i + 2 >= len) {
      addAt(planesHi, 0, hi1);
      addAt(planesHi, 1, hi2);
      addAt(planesHi, 2, hi4);
      addAt(planesLo, 0, lo1);
      addAt(planesLo, 1, lo2);
      addAt(planesLo, 2, lo4);
      hi1 = hi2 = hi4 = lo1 = lo2 = lo4 = 0;
    }
    if (!features || i + 2 >= len) continue;
    const h3 = Math.imul(h2 ^ units[i + 2], 0x01000193);
    features[m++] = mix(h3 ^ 3) & MASK;
    if (i + 3 >= len) continue;
    features[m++] = mix(Math.imul(h3 ^ units[i + 3], 0x01000193) ^ 4) & MASK;
  }
  out.fingerprinted = len >= MIN_FINGERPRINT_CHARS;
  out.hi = out.fingerprinted ? majority(planesHi, shingles) : 0;
  out.lo = out.fingerprinted ? majority(planesLo, shingles) : 0;
  // featureCount undercounts texts of one or two units (0 and 2 instead of 1 and 3): version 1 examples were stored
  // with their features cut to it, so screening cuts them the same way.
  out.count = Math.min(m, featureCount(len));
}

/** Number of features of `len` units as version 1 counts them: every 1- to MAX_N-gram when len ≥ MAX_N − 1. */
function featureCount(len: number): number {
  return Math.max(0, len * MAX_N - (MAX_N * (MAX_N - 1)) / 2);
}

/** Number of 1- to MAX_N-grams `analyseUnits` writes for `len` units (room it needs). */
function gramCount(len: number): number {
  return len < MAX_N - 1 ? Math.max(0, 2 * len - 1) : featureCount(len);
}

/**
 * One pass over normalised text. With `scratch`, the features are written into it and are valid only until the
 * next call with the same scratch.
 */
export function analyse(normalised: string, scratch?: Int32Array): Analysis {
  const len = Math.min(normalised.length, MAX_LEARNING_CHARS);
  const size = gramCount(len);
  const features = scratch && scratch.length >= size ? scratch : new Int32Array(size);
  for (let i = 0; i < len; i++) units[i] = normalised.charCodeAt(i);
  const found: Found = { hi: 0, lo: 0, fingerprinted: false, count: 0 };
  analyseUnits(len, features, found);
  const fingerprint = found.fingerprinted ? { hi: found.hi, lo: found.lo } : null;
  return { fingerprint, features: found.count === features.length ? features : features.subarray(0, found.count) };
}

/**
 * Room for analysing items on the screening path, where nothing is allocated per item: `analyseItem` writes the
 * item's fingerprint and features here, valid until its next call with the same workspace.
 */
export interface AnalysisWorkspace extends Found {
  readonly features: Int32Array;
}

export function analysisWorkspace(): AnalysisWorkspace {
  return { features: new Int32Array(featureCount(MAX_LEARNING_CHARS)), hi: 0, lo: 0, fingerprinted: false, count: 0 };
}

/**
 * `analyse(learningText(input))` into a workspace, without building the normalised string; the same fingerprint
 * and features (test/learning/core.test.ts). Without `withFeatures` only the fingerprint is computed (count 0): a
 * tenant whose model cannot answer yet needs no n-grams.
 */
export function analyseItem(input: { title?: string | null; text?: string | null }, ws: AnalysisWorkspace, withFeatures: boolean): void {
  const title = input.title ?? '';
  const text = input.text ?? '';
  const raw = title && text ? `${title}\n${text}` : title || text;
  const len = normaliseInto(raw.length > MAX_LEARNING_CHARS ? raw.slice(0, MAX_LEARNING_CHARS) : raw, units);
  analyseUnits(len, withFeatures ? ws.features : null, ws);
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
