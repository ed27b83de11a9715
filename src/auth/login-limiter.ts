import type { Clock } from '../common/clock.js';
import { MemoryFailureStore, type FailureStore } from './login-failures.js';

/**
 * Failed sign-in throttle. Failures are counted per account *at one client address*, so a guesser
 * slows down only the address it guesses from and the owner still signs in from their own; and
 * per address across all accounts, so one address cannot spray many accounts. Past a few free
 * tries each further failure doubles the wait. The counts are kept in Redis when there is one
 * (shared by every API process, kept across restarts), in memory otherwise (see login-failures.ts).
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

/** Milliseconds a key must wait after `count` failures under `policy`. */
export function throttleDelay(count: number, policy: ThrottlePolicy): number {
  if (count < policy.freeTries) return 0;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (count - policy.freeTries));
}

export class LoginLimiter {
  constructor(
    private readonly clock: Pick<Clock, 'now'>,
    private readonly policies: LoginPolicies = LOGIN_POLICIES,
    private readonly store: FailureStore = new MemoryFailureStore(),
  ) {}

  /** Whole seconds until this attempt may be made, or 0 when it may be made now. */
  async retryAfter(attempt: SignInAttempt): Promise<number> {
    const now = this.clock.now().getTime();
    const waits = await Promise.all(
      this.keys(attempt).map(async ({ key, policy }) => {
        const entry = await this.store.get(key);
        return entry && now - entry.lastAt < policy.forgetAfterMs ? entry.lastAt + throttleDelay(entry.count, policy) - now : 0;
      }),
    );
    return Math.max(0, Math.ceil(Math.max(...waits) / 1000));
  }

  async fail(attempt: SignInAttempt): Promise<void> {
    const now = this.clock.now().getTime();
    for (const { key, policy } of this.keys(attempt)) await this.store.add(key, now, policy.forgetAfterMs);
  }

  /** A correct password clears its account at that address, not the address: it does not reset a spray. */
  succeed(attempt: SignInAttempt): Promise<void> {
    return this.store.clear(this.keys(attempt)[0].key);
  }

  open(): void {
    this.store.open();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private keys({ account, address }: SignInAttempt): Array<{ key: string; policy: ThrottlePolicy }> {
    return [
      { key: `account:${account}|address:${address}`, policy: this.policies.accountAtAddress },
      { key: `address:${address}`, policy: this.policies.address },
    ];
  }
}
