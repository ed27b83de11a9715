/**
 * The sweep survives Redis losing its data: a worker on a private redis-server, which the test
 * restarts empty and flushes; each time the sweep runs again by itself within a few intervals.
 */
import { Redis } from 'ioredis';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

describe('the sweep after Redis lost its data', () => {
  let redis: PrivateRedis;
  let t: TestApp;

  beforeAll(async () => {
    process.env.SWEEP_INTERVAL_SECONDS = '10';
    process.env.SWEEP_ENSURE_SECONDS = '1';
    redis = await startPrivateRedis();
    t = await startTestApp({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    delete process.env.SWEEP_INTERVAL_SECONDS;
    delete process.env.SWEEP_ENSURE_SECONDS;
    await t?.stop();
    await redis?.stop();
  });

  const databaseNow = async (): Promise<Date> => (await t.db.query('SELECT now() AS now'))[0].now;
  const lastSweep = async (): Promise<Date | null> => (await t.db.query(`SELECT last_completed_at FROM sweep_runs WHERE name = 'sweep'`))[0].last_completed_at;
  const sweepAfter = (since: Date) =>
    waitFor(`a sweep after ${since.toISOString()}`, async () => {
      const last = await lastSweep();
      return last && last > since ? last : undefined;
    }, { timeoutMs: 40_000, intervalMs: 250 });

  it('runs the sweep again after a restart that lost every key', async () => {
    await sweepAfter(new Date(0));
    await redis.restartEmpty();
    const restartedAt = await databaseNow();

    const last = await sweepAfter(restartedAt);
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    const exposed = Number(/^assay_sweep_last_run_timestamp_seconds (\S+)$/m.exec(metrics)?.[1]);
    expect(exposed).toBeGreaterThanOrEqual(Math.floor(last.getTime() / 1000));
    expect((await t.http().get('/health/ready').expect(200)).body).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok', sweep: 'ok' } });
  }, 90_000);

  it('runs the sweep again after a flush, with no reconnect to notice it', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
    const flushedAt = await databaseNow();
    await sweepAfter(flushedAt);
  }, 60_000);
});
