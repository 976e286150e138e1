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

const counts = new Int32Array(64);

/**
 * One pass over normalised text. Characters, not words: Chinese needs no segmenter this way, and the same
 * buckets work for the English and pinyin spam the normaliser leaves as letters. The SimHash shingles are the
 * character bigrams: they survive the small edits spammers make to a repeated message.
 */
export function analyse(normalised: string): Analysis {
  const len = normalised.length;
  const features = new Int32Array(Math.max(0, len * MAX_N - (MAX_N * (MAX_N - 1)) / 2));
  let m = 0;
  let shingles = 0;
  counts.fill(0);
  for (let i = 0; i < len; i++) {
    let h = 0x811c9dc5 | 0;
    const top = Math.min(MAX_N, len - i);
    for (let n = 1; n <= top; n++) {
      h = Math.imul(h ^ normalised.charCodeAt(i + n - 1), 0x01000193);
      features[m++] = mix(h ^ n) & MASK;
      if (n === 2) {
        shingles++;
        // Count set bits only (about half): the sign of 2·set − shingles decides each fingerprint bit.
        for (let x = mix(h), base = 0; base < 64; x = mix(h ^ 0x5bd1e995), base += 32) {
          while (x !== 0) {
            const low = x & -x;
            counts[base + 31 - Math.clz32(low)]++;
            x ^= low;
          }
        }
      }
    }
  }
  let fingerprint: Fingerprint | null = null;
  if (len >= MIN_FINGERPRINT_CHARS) {
    let hi = 0;
    let lo = 0;
    for (let bit = 0; bit < 32; bit++) {
      if (2 * counts[bit] > shingles) hi |= 1 << bit;
      if (2 * counts[32 + bit] > shingles) lo |= 1 << bit;
    }
    fingerprint = { hi, lo };
  }
  return { fingerprint, features: m === features.length ? features : features.subarray(0, m) };
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
