import type { Clock } from '../common/clock.js';

/**
 * Failed sign-in throttle. Failures are counted per account *at one client address*, so a guesser
 * slows down only the address it guesses from and the owner still signs in from their own; and
 * per address across all accounts, so one address cannot spray many accounts. Past a few free
 * tries each further failure doubles the wait. Kept in memory: each API process counts on its own,
 * which still bounds guessing to a handful of tries per hour per address.
 */
export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  freeTries: number;
  /** The wait after the first failure past the free tries; it doubles with each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key that has not failed for this long starts over. */
  forgetAfterMs: number;
}

export interface LoginPolicies {
  accountAtAddress: ThrottlePolicy;
  address: ThrottlePolicy;
}

export const LOGIN_POLICIES: LoginPolicies = {
  accountAtAddress: { freeTries: 5, firstDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  // An address may be a whole office behind one proxy: more room before it slows down.
  address: { freeTries: 30, firstDelayMs: 1000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
};

export interface SignInAttempt {
  account: string;
  address: string;
}

interface Failures {
  count: number;
  lastAt: number;
}

/** Enough for a large spray; beyond it the keys that failed longest ago are dropped first. */
const MAX_KEYS = 100_000;

/** Milliseconds a key must wait after `count` failures under `policy`. */
export function throttleDelay(count: number, policy: ThrottlePolicy): number {
  if (count < policy.freeTries) return 0;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (count - policy.freeTries));
}

export class LoginLimiter {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly policies: LoginPolicies = LOGIN_POLICIES,
  ) {}

  /** Whole seconds until this attempt may be made, or 0 when it may be made now. */
  retryAfter(attempt: SignInAttempt): number {
    const now = this.clock.now().getTime();
    const waits = this.keys(attempt).map(({ key, policy }) => {
      const entry = this.current(key, policy, now);
      return entry ? entry.lastAt + throttleDelay(entry.count, policy) - now : 0;
    });
    return Math.max(0, Math.ceil(Math.max(...waits) / 1000));
  }

  fail(attempt: SignInAttempt): void {
    const now = this.clock.now().getTime();
    for (const { key, policy } of this.keys(attempt)) {
      const count = (this.current(key, policy, now)?.count ?? 0) + 1;
      // Re-inserted so that the map's order is the order of last failure.
      this.failures.delete(key);
      this.failures.set(key, { count, lastAt: now });
    }
    for (const key of this.failures.keys()) {
      if (this.failures.size <= MAX_KEYS) break;
      this.failures.delete(key);
    }
  }

  /** A correct password clears its account at that address, not the address: it does not reset a spray. */
  succeed(attempt: SignInAttempt): void {
    this.failures.delete(this.keys(attempt)[0].key);
  }

  private keys({ account, address }: SignInAttempt): Array<{ key: string; policy: ThrottlePolicy }> {
    return [
      { key: `account:${account}|address:${address}`, policy: this.policies.accountAtAddress },
      { key: `address:${address}`, policy: this.policies.address },
    ];
  }

  private current(key: string, policy: ThrottlePolicy, now: number): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && now - entry.lastAt >= policy.forgetAfterMs) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}
