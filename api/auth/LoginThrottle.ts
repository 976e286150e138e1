/**
 * Slows password guessing: after `maxFailures` failures for a username or an address within `windowMs`,
 * further attempts are refused until the window passes.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 5 * 60 * 1000,
  ) {}

  /** Seconds until another attempt is allowed for any of these keys (0 = now). */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const recent = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
      this.failures.set(key, recent);
      if (recent.length >= this.maxFailures) wait = Math.max(wait, (recent[0] + this.windowMs - now) / 1000);
    }
    return Math.ceil(wait);
  }

  fail(keys: string[], now = Date.now()): void {
    if (this.failures.size > 100_000) this.failures.clear();
    for (const key of keys) this.failures.set(key, [...(this.failures.get(key) ?? []), now]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
