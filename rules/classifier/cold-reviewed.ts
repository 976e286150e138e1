/*
 * COLD train comments labelled offensive that talk about bias (stance.ts DISCUSSES_BIAS: 3,521
 * distinct texts), each read and judged by hand under the project's policy: A = opposes
 * discrimination (safe), N = neutral discussion (safe), O = offensive (attacks a group or a person;
 * the default when in doubt). COLD's train labels mark most talk about bias as offensive, while the
 * policy here — and COLD's manually labelled test split — treats opposing discrimination as safe.
 * Keyed by the first 12 hex digits of the SHA-1 of the comment's text (COLD's ids are not unique).
 * Used only by scripts/train.ts (`reviewed:`); nothing on the prediction path reads it.
 */
import * as crypto from 'node:crypto';
import { COLD_REVIEWED } from './cold-reviewed-data';

export type Review = 'A' | 'N' | 'O';

export function coldKey(text: string): string {
  return crypto.createHash('sha1').update(text).digest('hex').slice(0, 12);
}

/** Key → verdict for every reviewed comment. */
export function coldReviews(): Map<string, Review> {
  const out = new Map<string, Review>();
  for (const [letter, chunks] of Object.entries(COLD_REVIEWED) as Array<[Review, readonly string[]]>) {
    const keys = chunks.join('');
    for (let i = 0; i + 12 <= keys.length; i += 12) out.set(keys.slice(i, i + 12), letter);
  }
  return out;
}
