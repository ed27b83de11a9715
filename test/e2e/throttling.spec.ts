import { Role } from '../../src/auth/roles.js';
import { Clock } from '../../src/common/clock.js';
import { requestFrom, type RawResponse } from '../support/raw-http.js';
import { randomBytes } from 'node:crypto';
import { itNeedsRedis, PASSWORD, signIn, startTestApp, backends, type TestApp } from '../support/test-app.js';

const WRONG = 'not-the-password-at-all';

function expectThrottled(res: RawResponse): void {
  expect({ status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({ status: 429, type: expect.stringMatching(/^application\/problem\+json/), code: 'rate_limited' });
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
}

async function guess(t: TestApp, from: string, email: string, times: number, headers: Record<string, string> = {}): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await requestFrom(t.app, from, 'POST', '/api/v1/auth/login', { body: { email, password: WRONG }, headers })).status);
  return statuses;
}

const login = (t: TestApp, from: string, email: string, headers: Record<string, string> = {}) => requestFrom(t.app, from, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD }, headers });

describe('sign-in throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('lets the owner sign in from another address while the guessing address waits', async () => {
    const { email } = await signIn(t, Role.RiskManager);
    expect(await guess(t, '127.0.0.2', email, 5)).toEqual([401, 401, 401, 401, 401]);
    expectThrottled(await login(t, '127.0.0.2', email));
    expect((await login(t, '127.0.0.3', email)).status).toBe(200);
  });

  it('doubles the wait with each failure past the free tries', async () => {
    const { email } = await signIn(t, Role.Auditor);
    const clock = t.app.get(Clock);
    const system = clock.now.bind(clock);
    let now = Date.now();
    clock.now = () => new Date(now);
    try {
      await guess(t, '127.0.0.4', email, 5);
      const waits: number[] = [];
      for (let i = 0; i < 4; i++) {
        const refused = await login(t, '127.0.0.4', email);
        expectThrottled(refused);
        waits.push(Number(refused.headers['retry-after']));
        now += waits[i] * 1000;
        expect(await guess(t, '127.0.0.4', email, 1)).toEqual([401]);
      }
      expect(waits).toEqual([1, 2, 4, 8]);
    } finally {
      clock.now = system;
    }
  });

  it('slows an address that sprays many accounts, and only that address', async () => {
    const { email } = await signIn(t, Role.Procurement);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push(...(await guess(t, '127.0.0.5', `sprayed.${i}@bank.example`, 1)));
    expect(statuses.every((status) => status === 401)).toBe(true);
    expectThrottled(await login(t, '127.0.0.5', email));
    expect((await login(t, '127.0.0.6', email)).status).toBe(200);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY, so a guesser cannot pose as new addresses', async () => {
    const { email } = await signIn(t, Role.RiskManager);
    for (let i = 0; i < 5; i++) await guess(t, '127.0.0.7', email, 1, { 'x-forwarded-for': `198.51.100.${i + 1}` });
    expectThrottled(await login(t, '127.0.0.7', email, { 'x-forwarded-for': '198.51.100.99' }));
  });
});

describe('sign-in throttling behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => t.stop());

  it('takes the client address from X-Forwarded-For sent by the proxy', async () => {
    const { email } = await signIn(t, Role.RiskManager);
    const attacker = { 'x-forwarded-for': '198.51.100.7' };
    expect(await guess(t, '127.0.0.1', email, 5, attacker)).toEqual([401, 401, 401, 401, 401]);
    expectThrottled(await login(t, '127.0.0.1', email, attacker));
    expect((await login(t, '127.0.0.1', email, { 'x-forwarded-for': '203.0.113.20' })).status).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer that is not the trusted proxy', async () => {
    const { email } = await signIn(t, Role.Auditor);
    for (let i = 0; i < 5; i++) await guess(t, '127.0.0.8', email, 1, { 'x-forwarded-for': `198.51.100.${i + 1}` });
    expectThrottled(await login(t, '127.0.0.8', email, { 'x-forwarded-for': '203.0.113.21' }));
  });
});

describe('sign-in throttling counted in Redis', () => {
  const apps: TestApp[] = [];
  // Two API processes of one deployment: one Redis, one key prefix.
  const env = { QUEUE_PREFIX: `assay-test-${randomBytes(4).toString('hex')}` };
  const ghost = 'nobody-here@bank.example';
  const attemptOn = (t: TestApp, from: string) => requestFrom(t.app, from, 'POST', '/api/v1/auth/login', { body: { email: ghost, password: WRONG } });

  beforeAll(async () => {
    if (backends.queue !== 'redis') return;
    apps.push(await startTestApp({ env, mode: 'api' }), await startTestApp({ env, mode: 'api' }));
  });
  afterAll(() => Promise.all(apps.map((app) => app.stop())));

  itNeedsRedis('shares one count between two API processes, and with a process started later', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attemptOn(apps[i % 2], '127.0.0.51')).status);
    // In memory each process would have seen two or three failures, under the five free tries.
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expectThrottled(await attemptOn(apps[0], '127.0.0.51'));
    expectThrottled(await attemptOn(apps[1], '127.0.0.51'));
    expect((await attemptOn(apps[1], '127.0.0.52')).status).toBe(401);

    // A process started afterwards (as after a restart) starts with nothing in memory and sees the count.
    // (Stopping a test app deletes its prefix's keys, so the new one starts beside the others.)
    apps.push(await startTestApp({ env, mode: 'api' }));
    // The 1 s wait has passed during the start; the sixth failure is counted on the five before it.
    expect((await attemptOn(apps[2], '127.0.0.51')).status).toBe(401);
    const throttled = await attemptOn(apps[2], '127.0.0.51');
    expectThrottled(throttled);
    expect(Number(throttled.headers['retry-after'])).toBe(2);
  });
});

