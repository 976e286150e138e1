import type { Category } from '../categories';
import { hamming, type Fingerprint } from './simhash';

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
  private readonly ring: Array<IndexedDecision | undefined>;
  private next = 0;
  private count = 0;

  constructor(
    readonly capacity = 5000,
    /** Largest Hamming distance (of 64 bits) that counts as a near-duplicate (default 8). */
    readonly maxDistance = 8,
  ) {
    this.ring = new Array<IndexedDecision | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  add(d: IndexedDecision): void {
    this.ring[this.next] = d;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  find(f: Fingerprint): NearDuplicates {
    let rejected = 0;
    let approved = 0;
    let example: string | null = null;
    let approvedExample: string | null = null;
    const votes = new Map<Category, number>();
    // Newest first, so the example is the most recent decision.
    for (let k = 1; k <= this.count; k++) {
      const d = this.ring[(this.next - k + this.capacity) % this.capacity] as IndexedDecision;
      if (hamming(d.fingerprint, f) > this.maxDistance) continue;
      if (d.rejectedAs.length === 0) {
        approved++;
        approvedExample ??= d.itemId;
        continue;
      }
      rejected++;
      example ??= d.itemId;
      for (const c of d.rejectedAs) votes.set(c, (votes.get(c) ?? 0) + 1);
    }
    let category: Category | null = null;
    let best = 0;
    for (const [c, n] of votes) {
      if (n > best) {
        best = n;
        category = c;
      }
    }
    return { rejected, approved, category, example: example ?? approvedExample };
  }
}
