/**
 * Readiness answers "can this process serve?": with Redis away the API still serves (the outbox
 * keeps the jobs), so a load balancer must keep sending it traffic. A sweep that stopped is
 * reported too, from the database, so that an API-only process sees it.
 */
import { sweep } from '../support/schedules.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait.js';
import { Role } from '../../src/auth/roles.js';
import { bearer, itNeedsRedis, PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

describe('readiness while Redis is down', () => {
  let proxy: TcpProxy | undefined;
  let t: TestApp | undefined;

  afterEach(async () => {
    await proxy?.restore();
    await t?.stop();
    await proxy?.close();
  });

  itNeedsRedis('answers 200 with the queue degraded, and the API keeps serving', async () => {
    const redis = new URL(process.env.TEST_REDIS_URL!);
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    t = await startTestApp({ mode: 'api', env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}` } });
    expect((await t.http().get('/health/ready')).body).toMatchObject({ status: 'ok', checks: { database: 'ok', queue: 'ok' } });

    await proxy.cut();
    const ready = await t.http().get('/health/ready');
    expect({ status: ready.status, body: ready.body }).toMatchObject({ status: 200, body: { status: 'degraded', checks: { database: 'ok', queue: 'degraded' } } });
    await t.http().post('/api/v1/users').set(bearer(t.adminToken)).send({ email: 'rita.ready@bank.example', name: 'Rita Ready', role: Role.Auditor, password: PASSWORD }).expect(201);

    await proxy.restore();
    const app = t;
    await waitFor('the queue to be reported ok again', async () => (await app.http().get('/health/ready')).body.checks.queue === 'ok', { timeoutMs: 30_000 });
  }, 60_000);
});

describe('readiness when the sweep stopped running', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ mode: 'api' });
  });
  afterAll(() => t.stop());

  const ready = async () => {
    const res = await t.http().get('/health/ready');
    return { status: res.status, body: res.body };
  };

  it('is ok on a fresh installation whose first sweep is not due yet', async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'ok', queue: 'ok', sweep: 'ok' } } });
  });

  it('reports the sweep degraded, still answering 200, once it missed three intervals, and shows its last run in the metrics', async () => {
    const [[{ at }]] = await t.db.query(`UPDATE sweep_runs SET last_completed_at = date_trunc('second', now()) - interval '1 hour' WHERE name = 'sweep' RETURNING last_completed_at AS at`);
    expect(await ready()).toEqual({ status: 200, body: { status: 'degraded', checks: { database: 'ok', queue: 'ok', sweep: 'degraded' } } });
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(new RegExp(`^assay_sweep_last_run_timestamp_seconds ${(at as Date).getTime() / 1000}$`, 'm'));
  });

  it('is ok again as soon as a sweep completes', async () => {
    await sweep(t);
    expect((await ready()).body).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok', sweep: 'ok' } });
  });
});
