// What a decision teaches from: the item's text, reduced to a fingerprint and a set of hashed n-gram buckets.
// Computed once where the decision is made and stored with it, so every worker replays the same example.
import { normaliseText } from '../normalise';
import { fingerprintToHex, simhash } from './simhash';

/** Bumped when `exampleFeatures` changes; stored examples of another version are ignored. */
export const FEATURE_VERSION = 1;

/** Hash space of the online model: 2^15 weights (128 KiB of Float32 per category head). */
export const FEATURE_BITS = 15;

/** Only the start of a long text is used (the hot path stays bounded for 100 KB posts). */
export const MAX_LEARNING_CHARS = 2000;

const MASK = (1 << FEATURE_BITS) - 1;

function bucket(s: string, from: number, to: number): number {
  let h = 0x811c9dc5 ^ (to - from);
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & MASK;
}

/** The text the learning sees: title and body, normalised like the filter's keyword scan, bounded. */
export function learningText(input: { title?: string | null; text?: string | null }): string {
  const raw = [input.title ?? '', input.text ?? ''].filter(Boolean).join('\n');
  return normaliseText(raw.length > MAX_LEARNING_CHARS ? raw.slice(0, MAX_LEARNING_CHARS) : raw);
}

/**
 * Distinct character 1- to 4-gram buckets, sorted. Characters, not words: Chinese needs no segmenter this way,
 * and the same buckets work for the English and pinyin spam the normaliser leaves as letters.
 */
export function ngramFeatures(normalised: string): Int32Array {
  const seen = new Set<number>();
  for (let n = 1; n <= 4; n++) {
    for (let i = 0; i + n <= normalised.length; i++) seen.add(bucket(normalised, i, i + n));
  }
  return Int32Array.from([...seen].sort((a, b) => a - b));
}

/** One decision's evidence, as stored (no text: a fingerprint and hashed buckets). */
export interface ExampleFeatures {
  fingerprint: string | null;
  features: Int32Array;
}

export function exampleFeatures(input: { title?: string | null; text?: string | null }): ExampleFeatures {
  const text = learningText(input);
  const f = simhash(text);
  return { fingerprint: f ? fingerprintToHex(f) : null, features: ngramFeatures(text) };
}
