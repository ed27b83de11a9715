import { RedisFailureStore } from '../../src/auth/login-failures.js';
import { LOGIN_POLICIES, LoginLimiter, throttleDelay, type LoginPolicies, type SignInAttempt } from '../../src/auth/login-limiter.js';

const POLICIES: LoginPolicies = {
  accountAtAddress: { freeTries: 3, firstDelayMs: 1000, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 },
  address: { freeTries: 6, firstDelayMs: 1000, maxDelayMs: 60_000, forgetAfterMs: 3_600_000 },
};

function limiterAt(start = 1_000_000) {
  let now = start;
  const limiter = new LoginLimiter({ now: () => new Date(now) }, POLICIES);
  return { limiter, advance: (ms: number) => (now += ms) };
}

const attempt = (account = 'ana@bank.example', address = '10.0.0.1'): SignInAttempt => ({ account, address });

describe('the wait after repeated failures', () => {
  const policy = POLICIES.accountAtAddress;
  it.each([
    [0, 0],
    [2, 0],
    [3, 1000],
    [4, 2000],
    [5, 4000],
    [8, 32_000],
    [9, 60_000],
    [40, 60_000],
  ])('after %i failures is %i ms', (count, wait) => {
    expect(throttleDelay(count, policy)).toBe(wait);
  });

  it('lets the owner try five times before the first wait, and never waits more than 15 minutes', async () => {
    expect(throttleDelay(4, LOGIN_POLICIES.accountAtAddress)).toBe(0);
    expect(throttleDelay(5, LOGIN_POLICIES.accountAtAddress)).toBe(1000);
    expect(throttleDelay(1000, LOGIN_POLICIES.accountAtAddress)).toBe(15 * 60_000);
  });
});

describe('failed sign-in throttle', () => {
  it('lets an account at an address try freely until its free tries are used up', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfter(attempt())).toBe(0);
      await limiter.fail(attempt());
    }
    expect(await limiter.retryAfter(attempt())).toBe(1);
  });

  it('doubles the wait with each further failure', async () => {
    const { limiter, advance } = limiterAt();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.fail(attempt());
      waits.push(await limiter.retryAfter(attempt()));
      advance(await limiter.retryAfter(attempt()) * 1000);
    }
    expect(waits).toEqual([0, 0, 1, 2, 4, 8, 16]);
  });

  it('counts the wait from the last failure, in whole seconds rounded up', async () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 5; i++) await limiter.fail(attempt());
    expect(await limiter.retryAfter(attempt())).toBe(4);
    advance(2500);
    expect(await limiter.retryAfter(attempt())).toBe(2);
    advance(1499);
    expect(await limiter.retryAfter(attempt())).toBe(1);
    advance(1);
    expect(await limiter.retryAfter(attempt())).toBe(0);
  });

  it('does not slow the owner at another address while the guessing address waits', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 5; i++) await limiter.fail(attempt('ana@bank.example', '203.0.113.9'));
    expect(await limiter.retryAfter(attempt('ana@bank.example', '203.0.113.9'))).toBeGreaterThan(0);
    expect(await limiter.retryAfter(attempt('ana@bank.example', '10.0.0.1'))).toBe(0);
  });

  it('slows an address spraying many accounts, each below its own limit', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 6; i++) await limiter.fail(attempt(`user${i}@bank.example`, '203.0.113.9'));
    expect(await limiter.retryAfter(attempt('someone-new@bank.example', '203.0.113.9'))).toBe(1);
    expect(await limiter.retryAfter(attempt('someone-new@bank.example', '10.0.0.2'))).toBe(0);
  });

  it('forgets an account at an address that has not failed for the forget period', async () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 8; i++) await limiter.fail(attempt());
    advance(3_600_000 - 1);
    expect(await limiter.retryAfter(attempt())).toBe(0);
    await limiter.fail(attempt());
    expect(await limiter.retryAfter(attempt())).toBe(60);
    advance(3_600_000);
    await limiter.fail(attempt());
    expect(await limiter.retryAfter(attempt())).toBe(0);
  });

  it('clears the account at its address on success but keeps counting the address', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 2; i++) await limiter.fail(attempt());
    await limiter.succeed(attempt());
    for (let i = 0; i < 2; i++) await limiter.fail(attempt());
    expect(await limiter.retryAfter(attempt())).toBe(0);
    for (let i = 0; i < 2; i++) await limiter.fail(attempt('bo@bank.example'));
    expect(await limiter.retryAfter(attempt('carla@bank.example'))).toBe(1);
  });

  it('keeps different accounts at one address apart', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 3; i++) await limiter.fail(attempt('ana@bank.example'));
    expect(await limiter.retryAfter(attempt('ana@bank.example'))).toBeGreaterThan(0);
    expect(await limiter.retryAfter(attempt('bo@bank.example'))).toBe(0);
  });

  it('keeps counting in memory when Redis cannot be reached', async () => {
    // Port 1 is never a Redis server: every command fails at once and the store falls back.
    const store = new RedisFailureStore('redis://127.0.0.1:1', 'assay-unreachable');
    const limiter = new LoginLimiter({ now: () => new Date(1_000_000) }, POLICIES, store);
    limiter.open();
    try {
      for (let i = 0; i < 3; i++) await limiter.fail(attempt());
      expect(await limiter.retryAfter(attempt())).toBe(1);
      await limiter.succeed(attempt());
      expect(await limiter.retryAfter(attempt())).toBe(0);
    } finally {
      await limiter.close();
    }
  });
});

