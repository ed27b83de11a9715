/**
 * Failed-login throttle: a fixed window per key. Keys carry their own limit: an e-mail gets few
 * tries, a client address (which may be a whole office behind one proxy) more. Kept in memory:
 * each API process counts on its own, which still bounds guessing to a few tries a minute.
 */
export interface LimitedKey {
  key: string;
  max: number;
}

export class LoginLimiter {
  private readonly failures = new Map<string, { count: number; windowStart: number }>();

  constructor(
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfter(keys: LimitedKey[]): number {
    const now = this.now();
    let wait = 0;
    for (const { key, max } of keys) {
      const entry = this.failures.get(key);
      if (!entry) continue;
      if (now - entry.windowStart >= this.windowMs) this.failures.delete(key);
      else if (entry.count >= max) wait = Math.max(wait, Math.ceil((entry.windowStart + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: LimitedKey[]): void {
    const now = this.now();
    for (const { key } of keys) {
      const entry = this.failures.get(key);
      if (!entry || now - entry.windowStart >= this.windowMs) this.failures.set(key, { count: 1, windowStart: now });
      else entry.count += 1;
    }
    if (this.failures.size > 100_000) this.failures.clear();
  }

  /** A success clears the e-mail's count, not the address's: one good password does not reset a spray. */
  succeed(keys: LimitedKey[]): void {
    this.failures.delete(keys[0].key);
  }
}
