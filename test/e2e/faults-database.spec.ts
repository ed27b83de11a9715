/**
 * A database outage: the application reaches PostgreSQL through a proxy the test cuts, while the
 * test itself still sees the database directly. Clients are told to come back (503 with
 * Retry-After), never handed a 500, and the same requests work again once it is back.
 */
import pg from 'pg';
import { Role } from '../../src/auth/roles.js';
import { expectProblem } from '../support/problem.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { backends, bearer, PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

const itNeedsServerDatabase = (name: string, fn: () => Promise<unknown>, timeout?: number) =>
  backends.database === 'postgres' ? it(name, fn, timeout) : it.skip(`${name} [skipped: the embedded database has no server to take down]`, fn);

const OUTAGE_USER = 'otto.outage@bank.example';

describe('a database outage', () => {
  let proxy: TcpProxy | undefined;
  let t: TestApp | undefined;

  afterEach(async () => {
    await proxy?.restore();
    await t?.stop();
    await proxy?.close();
  });

  async function startBehindProxy(): Promise<TestApp> {
    const server = new URL(process.env.TEST_DATABASE_URL!);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const port = proxy.port;
    t = await startTestApp({
      mode: 'api',
      routeDatabase: (url) => {
        const routed = new URL(url);
        routed.hostname = '127.0.0.1';
        routed.port = String(port);
        return routed.toString();
      },
    });
    return t;
  }

  const requests = (app: TestApp) => [
    () => app.http().get('/api/v1/vendors').set(bearer(app.adminToken)),
    () => app.http().get('/api/v1/me').set(bearer(app.adminToken)),
    () => app.http().post('/api/v1/users').set(bearer(app.adminToken)).send({ email: OUTAGE_USER, name: 'Otto Outage', role: Role.Auditor, password: PASSWORD }),
    () => app.http().post('/api/v1/auth/login').send({ email: 'nobody@bank.example', password: 'not-the-password' }),
  ];

  itNeedsServerDatabase('answers 503 database_unavailable with Retry-After while it is down, and serves again once it is back', async () => {
    const app = await startBehindProxy();
    await proxy!.cut();

    for (const send of requests(app)) {
      const res = await send();
      const body = expectProblem(res, 503, 'database_unavailable');
      expect(res.headers['retry-after']).toBe('5');
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
    }
    const ready = await app.http().get('/health/ready');
    expect({ status: ready.status, body: ready.body }).toEqual({ status: 503, body: { status: 'unavailable', checks: { database: 'down', queue: 'ok', sweep: 'degraded' } } });

    // Nothing was written while it was down.
    const direct = new pg.Client({ connectionString: app.databaseUrl });
    await direct.connect();
    try {
      expect((await direct.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [OUTAGE_USER])).rows).toEqual([{ n: 0 }]);
    } finally {
      await direct.end();
    }

    await proxy!.restore();
    const [list, me, created, login] = await waitFor('the application to reconnect', async () => {
      const answers = [];
      for (const send of requests(app)) answers.push(await send());
      return answers.every((res) => res.status < 500) ? answers : undefined;
    });
    expect([list.status, me.status, created.status, login.status]).toEqual([200, 200, 201, 401]);
    expect((await app.http().get('/health/ready')).status).toBe(200);
  }, 60_000);
});
