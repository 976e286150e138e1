/**
 * Slows password guessing: after `maxFailures` attempts for a username or an address within `windowMs`
 * that did not succeed, further attempts are refused until the window passes.
 *
 * An attempt is counted when it starts (`begin`), before the password is checked, and only a success takes
 * it back: counting after the (slow, awaited) check let hundreds of parallel guesses all pass the gate
 * before the first failure was recorded.
 */
export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 5 * 60 * 1000,
  ) {}

  /** Seconds until another attempt is allowed for any of these keys (0 = now). */
  retryAfter(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
      this.attempts.set(key, recent);
      if (recent.length >= this.maxFailures) wait = Math.max(wait, (recent[0] + this.windowMs - now) / 1000);
    }
    return Math.ceil(wait);
  }

  /**
   * Synchronously checks and counts one attempt: returns the seconds to wait (nothing counted) or 0 after
   * counting it. Call before any `await`, so parallel requests cannot all pass the check.
   */
  begin(keys: string[], now = Date.now()): number {
    const wait = this.retryAfter(keys, now);
    if (wait > 0) return wait;
    if (this.attempts.size > 100_000) this.attempts.clear();
    for (const key of keys) this.attempts.set(key, [...(this.attempts.get(key) ?? []), now]);
    return 0;
  }

  /** The attempt succeeded: the keys start afresh. */
  succeed(keys: string[]): void {
    for (const key of keys) this.attempts.delete(key);
  }
}
