import type { Category } from '../categories';
import { analyse, learningText } from './features';
import { popcount, type Fingerprint } from './simhash';

export interface IndexedDecision {
  itemId: string;
  fingerprint: Fingerprint;
  /** Empty for an approval; the rejection's categories otherwise. */
  rejectedAs: readonly Category[];
}

export interface NearDuplicates {
  rejected: number;
  approved: number;
  /** The most common category among the rejected near-duplicates. */
  category: Category | null;
  /** One rejected near-duplicate (the most recent), or an approved one when none was rejected. */
  example: string | null;
}

/** Bit offsets and widths of the bands: 8 × 7 bits and 1 × 8 (64 in all). */
const BAND_START = [0, 7, 14, 21, 28, 35, 42, 49, 56];
const BAND_WIDTH = [7, 7, 7, 7, 7, 7, 7, 7, 8];

/** Bits [start, start + width) of the 64-bit value hi:lo (hi holds bits 0–31). */
function band(hi: number, lo: number, i: number): number {
  const start = BAND_START[i];
  const mask = (1 << BAND_WIDTH[i]) - 1;
  if (start >= 32) return (lo >>> (start - 32)) & mask;
  if (start + BAND_WIDTH[i] <= 32) return (hi >>> start) & mask;
  return ((hi >>> start) | (lo << (32 - start))) & mask;
}

/** Whether the fingerprints whose XOR is xhi:xlo agree on a band before band `b`. */
function agreesBefore(xhi: number, xlo: number, b: number): boolean {
  for (let i = 0; i < b; i++) if (band(xhi, xlo, i) === 0) return true;
  return false;
}

/**
 * The fingerprints of a tenant's most recent decided items. Memory bound: at most `capacity` entries (default
 * 5,000; the oldest is evicted first), about 100 bytes each with their band lists — under 0.5 MiB per tenant.
 *
 * Lookup is multi-index hashing: the 64 bits are cut into 9 bands, and two fingerprints within 8 bits of each other
 * agree exactly on at least one band (pigeonhole), so only the entries sharing a band value are compared — about
 * 9/128 of the index instead of all of it. `maxDistance` above 8 would lose that guarantee, so it is capped at 8.
 */
export class NearDuplicateIndex {
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  private readonly order: Float64Array;
  private readonly itemIds: string[];
  private readonly rejectedAs: Array<readonly Category[]>;
  /** buckets[band][value] = slots whose fingerprint has that value in that band. */
  private readonly buckets: number[][][];
  private next = 0;
  private count = 0;
  private added = 0;
  readonly maxDistance: number;

  constructor(
    readonly capacity = 5000,
    /** Largest Hamming distance (of 64 bits) that counts as a near-duplicate (default and maximum 8). */
    maxDistance = 8,
  ) {
    this.maxDistance = Math.min(8, maxDistance);
    this.hi = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.order = new Float64Array(capacity);
    this.itemIds = new Array<string>(capacity).fill('');
    this.rejectedAs = new Array<readonly Category[]>(capacity).fill([]);
    this.buckets = BAND_WIDTH.map((w) => Array.from({ length: 1 << w }, () => [] as number[]));
  }

  get size(): number {
    return this.count;
  }

  add(d: IndexedDecision): void {
    const slot = this.next;
    if (this.count === this.capacity) {
      for (let b = 0; b < BAND_START.length; b++) {
        const list = this.buckets[b][band(this.hi[slot], this.lo[slot], b)];
        const at = list.indexOf(slot);
        list[at] = list[list.length - 1];
        list.pop();
      }
    }
    this.hi[slot] = d.fingerprint.hi;
    this.lo[slot] = d.fingerprint.lo;
    this.order[slot] = this.added++;
    this.itemIds[slot] = d.itemId;
    this.rejectedAs[slot] = d.rejectedAs;
    for (let b = 0; b < BAND_START.length; b++) this.buckets[b][band(d.fingerprint.hi, d.fingerprint.lo, b)].push(slot);
    this.next = (slot + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  find(f: Fingerprint): NearDuplicates {
    let rejected = 0;
    let approved = 0;
    let example = -1;
    let approvedExample = -1;
    let votes: Map<Category, number> | null = null;
    const { hi, lo, maxDistance, order } = this;
    const fhi = f.hi;
    const flo = f.lo;
    for (let b = 0; b < BAND_START.length; b++) {
      const list = this.buckets[b][band(fhi, flo, b)];
      for (let k = 0; k < list.length; k++) {
        const j = list[k];
        if (popcount(hi[j] ^ fhi) + popcount(lo[j] ^ flo) > maxDistance) continue;
        // A near-duplicate sits in every band it agrees on: count it in the first of them only.
        if (agreesBefore(hi[j] ^ fhi, lo[j] ^ flo, b)) continue;
        const cats = this.rejectedAs[j];
        if (cats.length === 0) {
          approved++;
          if (approvedExample < 0 || order[j] > order[approvedExample]) approvedExample = j;
          continue;
        }
        rejected++;
        // The most recent rejected near-duplicate is the example.
        if (example < 0 || order[j] > order[example]) example = j;
        votes ??= new Map();
        for (const c of cats) votes.set(c, (votes.get(c) ?? 0) + 1);
      }
    }
    let category: Category | null = null;
    let best = 0;
    for (const [c, n] of votes ?? []) {
      if (n > best) {
        best = n;
        category = c;
      }
    }
    const ex = example >= 0 ? example : approvedExample;
    return { rejected, approved, category, example: ex >= 0 ? this.itemIds[ex] : null };
  }
}

/**
 * The candidates that are near-duplicates of `target` (by SimHash over the learning text), in the order given.
 * For showing a spam wave as one group; `maxDistance` as for the index.
 */
export function nearDuplicatesOf<T extends { title?: string | null; text?: string | null }>(
  target: { title?: string | null; text?: string | null },
  candidates: readonly T[],
  maxDistance = 8,
): T[] {
  const f = analyse(learningText(target)).fingerprint;
  if (!f) return [];
  return candidates.filter((c) => {
    const g = analyse(learningText(c)).fingerprint;
    return g !== null && popcount(f.hi ^ g.hi) + popcount(f.lo ^ g.lo) <= maxDistance;
  });
}

/**
 * Waiting items grouped into spam waves: each item joins the first group whose first item is within `maxDistance`
 * bits of it, in the order given (newest first, so a group is named after its newest item). Items too short to
 * fingerprint stay alone. Returns only groups of at least `minSize`, largest first.
 */
export function groupNearDuplicates<T extends { title?: string | null; text?: string | null }>(items: readonly T[], minSize = 2, maxDistance = 8): T[][] {
  const heads: Fingerprint[] = [];
  const groups: T[][] = [];
  for (const it of items) {
    const f = analyse(learningText(it)).fingerprint;
    if (!f) continue;
    const g = heads.findIndex((h) => popcount(h.hi ^ f.hi) + popcount(h.lo ^ f.lo) <= maxDistance);
    if (g >= 0) groups[g].push(it);
    else {
      heads.push(f);
      groups.push([it]);
    }
  }
  return groups.filter((g) => g.length >= minSize).sort((a, b) => b.length - a.length);
}
