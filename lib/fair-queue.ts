/**
 * A queue shared fairly between keys (tenants): each key's items stay in order, and the next item taken is from the
 * waiting key that has been served least (start-time fair queueing). One tenant with many big images therefore
 * delays another tenant's image by at most the one in progress, not by all of its own.
 */
export class FairQueue<T> {
  private readonly waiting = new Map<string, T[]>();
  /** Items served per key, counted from when the key last became active (never below the virtual time). */
  private readonly served = new Map<string, number>();
  /** The `served` count of the item served last: a key that was idle starts here, not at zero (no catch-up bursts). */
  private virtualTime = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(key: string, item: T): void {
    const list = this.waiting.get(key);
    if (list) list.push(item);
    else {
      this.waiting.set(key, [item]);
      this.served.set(key, Math.max(this.served.get(key) ?? 0, this.virtualTime));
    }
    this.count++;
  }

  /** The next item in fair order, or undefined when empty. Ties go to the key waiting longest. */
  shift(): T | undefined {
    let best: string | undefined;
    let bestServed = Infinity;
    for (const key of this.waiting.keys()) {
      const s = this.served.get(key) ?? 0;
      if (s < bestServed) {
        best = key;
        bestServed = s;
      }
    }
    if (best === undefined) return undefined;
    const list = this.waiting.get(best) as T[];
    const item = list.shift() as T;
    this.virtualTime = bestServed;
    this.served.set(best, bestServed + 1);
    if (list.length === 0) this.waiting.delete(best);
    else {
      // Re-inserted: among keys served as often, it now waits behind the others.
      this.waiting.delete(best);
      this.waiting.set(best, list);
    }
    if (this.served.size > 10_000 && this.waiting.size === 0) this.served.clear();
    this.count--;
    return item;
  }

  /** Removes and returns every item. */
  drain(): T[] {
    const all: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) all.push(item);
    return all;
  }
}
