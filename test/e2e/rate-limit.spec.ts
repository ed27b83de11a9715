import { randomBytes } from 'node:crypto';
import { requestFrom, type RawResponse } from '../support/raw-http.js';
import { Role } from '../../src/auth/roles.js';
import { backends, bearer, itNeedsRedis, signIn, startTestApp, type TestApp } from '../support/test-app.js';

const LIMIT = 15;
/** A token nobody holds: the limit counts it before the guard refuses it, which is what is measured. */
const someToken = () => `assay_${randomBytes(32).toString('base64url')}`;

function expectLimited(res: RawResponse): void {
  expect({ status: res.status, type: res.headers['content-type'], code: res.body.code }).toEqual({ status: 429, type: expect.stringMatching(/^application\/problem\+json/), code: 'rate_limited' });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter >= 1 && retryAfter <= 60).toBe(true);
}

async function statuses(apps: TestApp[], count: number, options: { from?: string; token?: string; path?: string } = {}): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const app = apps[i % apps.length].app;
    const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
    out.push((await requestFrom(app, options.from ?? '127.0.0.1', 'GET', options.path ?? '/api/v1/me', { headers })).status);
  }
  return out;
}

describe('the API rate limit, counted in memory', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Without REDIS_URL the count is the process's own (the queues then run on PostgreSQL).
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), REDIS_URL: '' } });
  });
  afterAll(() => t.stop());

  it('answers 429 problem+json with Retry-After once a token has used its minute', async () => {
    const [ana, bo] = [await signIn(t, Role.Auditor), await signIn(t, Role.Auditor)];
    expect(await statuses([t], LIMIT, { token: ana.token, from: '127.0.0.20' })).toEqual(Array(LIMIT).fill(200));
    expectLimited(await requestFrom(t.app, '127.0.0.20', 'GET', '/api/v1/me', { headers: bearer(ana.token) }));
    expect(await statuses([t], 1, { token: bo.token, from: '127.0.0.20' })).toEqual([200]);
  });

  it('counts refused tokens against their address, so made-up tokens do not each get a fresh minute', async () => {
    const made = Array.from({ length: LIMIT }, () => someToken());
    const refused = [];
    for (const token of made) refused.push(...(await statuses([t], 1, { token, from: '127.0.0.24' })));
    expect(refused).toEqual(Array(LIMIT).fill(401));
    expectLimited(await requestFrom(t.app, '127.0.0.24', 'GET', '/api/v1/me', { headers: { authorization: `Bearer ${someToken()}` } }));
    expect(await statuses([t], 1, { token: someToken(), from: '127.0.0.25' })).toEqual([401]);
  });

  it('counts a client without a token by its address', async () => {
    expect(await statuses([t], LIMIT, { from: '127.0.0.21' })).toEqual(Array(LIMIT).fill(401));
    expectLimited(await requestFrom(t.app, '127.0.0.21', 'GET', '/api/v1/me'));
    expect(await statuses([t], 1, { from: '127.0.0.22' })).toEqual([401]);
  });

  it('never limits the health and metrics endpoints', async () => {
    await statuses([t], LIMIT + 1, { from: '127.0.0.23' });
    expect(await statuses([t], 3, { from: '127.0.0.23', path: '/health/live' })).toEqual([200, 200, 200]);
    expect(await statuses([t], 1, { from: '127.0.0.23', path: '/metrics' })).toEqual([200]);
    expect(await statuses([t], 1, { from: '127.0.0.23' })).toEqual([429]);
  });
});

describe('the API rate limit, counted in Redis', () => {
  const apps: TestApp[] = [];
  beforeAll(async () => {
    if (backends.queue !== 'redis') return;
    // Two API processes of one deployment: one Redis, one key prefix.
    const env = { RATE_LIMIT_PER_MINUTE: String(LIMIT), QUEUE_PREFIX: `assay-test-${randomBytes(4).toString('hex')}` };
    apps.push(await startTestApp({ env, mode: 'api' }), await startTestApp({ env, mode: 'api' }));
  });
  afterAll(() => Promise.all(apps.map((app) => app.stop())));

  itNeedsRedis('shares one count between two API processes', async () => {
    expect(await statuses(apps, LIMIT, { from: '127.0.0.41' })).toEqual(Array(LIMIT).fill(401));
    expectLimited(await requestFrom(apps[0].app, '127.0.0.41', 'GET', '/api/v1/me'));
    expectLimited(await requestFrom(apps[1].app, '127.0.0.41', 'GET', '/api/v1/me'));
    expect(await statuses(apps, 2, { from: '127.0.0.42' })).toEqual([401, 401]);
  });

  itNeedsRedis('keeps the count in Redis only for the window', async () => {
    const token = someToken();
    await statuses(apps, 1, { token });
    const { Redis } = await import('ioredis');
    const redis = new Redis(process.env.TEST_REDIS_URL!);
    try {
      const keys = await redis.keys(`${apps[0].config.queuePrefix}:rate:token:*`);
      const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
      expect(keys.length).toBeGreaterThan(0);
      expect(ttls.every((ttl) => ttl > 0 && ttl <= 60_000)).toBe(true);
      expect(keys.some((key) => key.includes(token))).toBe(false);
    } finally {
      redis.disconnect();
    }
  });
});
