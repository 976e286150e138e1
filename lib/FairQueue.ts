/**
 * A queue served round robin between keys (tenants): each key's items stay in order, and the next item taken is
 * from the key after the one served last. One tenant with many big images therefore delays another tenant's image
 * by at most one of its own per turn, not by all of them.
 */
export class FairQueue<T> {
  private readonly byKey = new Map<string, T[]>();
  /** Keys with waiting items, next to serve first. */
  private readonly turn: string[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(key: string, item: T): void {
    const list = this.byKey.get(key);
    if (list) list.push(item);
    else {
      this.byKey.set(key, [item]);
      this.turn.push(key);
    }
    this.count++;
  }

  /** The next item in round-robin order, or undefined when empty. */
  shift(): T | undefined {
    const key = this.turn.shift();
    if (key === undefined) return undefined;
    const list = this.byKey.get(key) as T[];
    const item = list.shift() as T;
    if (list.length) this.turn.push(key);
    else this.byKey.delete(key);
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
