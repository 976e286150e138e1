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

/**
 * The fingerprints of a tenant's most recent decided items. Memory bound: at most `capacity` entries (default
 * 5,000; the oldest is evicted first), about 100 bytes each — under 0.5 MiB per tenant. A lookup is a linear scan
 * of two popcounts per entry (about 20 µs at capacity), cheaper than any bucketing at this size.
 */
export class NearDuplicateIndex {
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  private readonly itemIds: string[];
  private readonly rejectedAs: Array<readonly Category[]>;
  private next = 0;
  private count = 0;

  constructor(
    readonly capacity = 5000,
    /** Largest Hamming distance (of 64 bits) that counts as a near-duplicate (default 8). */
    readonly maxDistance = 8,
  ) {
    this.hi = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.itemIds = new Array<string>(capacity).fill('');
    this.rejectedAs = new Array<readonly Category[]>(capacity).fill([]);
  }

  get size(): number {
    return this.count;
  }

  add(d: IndexedDecision): void {
    this.hi[this.next] = d.fingerprint.hi;
    this.lo[this.next] = d.fingerprint.lo;
    this.itemIds[this.next] = d.itemId;
    this.rejectedAs[this.next] = d.rejectedAs;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  find(f: Fingerprint): NearDuplicates {
    let rejected = 0;
    let approved = 0;
    let example: string | null = null;
    let approvedExample: string | null = null;
    let votes: Map<Category, number> | null = null;
    const { hi, lo, maxDistance } = this;
    // Newest first, so the example is the most recent decision.
    for (let k = 1, j = this.next - 1; k <= this.count; k++, j--) {
      if (j < 0) j = this.capacity - 1;
      if (popcount(hi[j] ^ f.hi) + popcount(lo[j] ^ f.lo) > maxDistance) continue;
      const cats = this.rejectedAs[j];
      if (cats.length === 0) {
        approved++;
        approvedExample ??= this.itemIds[j];
        continue;
      }
      rejected++;
      example ??= this.itemIds[j];
      votes ??= new Map();
      for (const c of cats) votes.set(c, (votes.get(c) ?? 0) + 1);
    }
    let category: Category | null = null;
    let best = 0;
    for (const [c, n] of votes ?? []) {
      if (n > best) {
        best = n;
        category = c;
      }
    }
    return { rejected, approved, category, example: example ?? approvedExample };
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
