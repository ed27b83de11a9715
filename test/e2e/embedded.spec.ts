/**
 * The embedded mode as an operator meets it: `node dist/src/main.js` with no DATABASE_URL, no
 * REDIS_URL and no SMTP_URL, run as child processes so that restarts, a second process and kill -9
 * are real. `npm test` builds the code first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataDirLockedError, lockDataDir, LOCK_FILE } from '../../src/database/embedded/data-dir-lock.js';
import { createDataSource, useEmbeddedEndpoint } from '../../src/database/data-source.js';
import { startEmbeddedPostgres } from '../../src/database/embedded/embedded-postgres.js';
import { NestedQueryError, refuseNestedQueries } from '../../src/database/embedded/single-connection.js';
import { testConfig } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

const ADMIN = { email: 'admin@bank.example', password: 'admin-password-123' };
const PASSWORD = 'a-long-enough-password';
/** The build `npm test` made for this run (dist/ may be rebuilt while the tests run). */
const MAIN = join(process.env.TEST_BUILD_DIR ?? 'dist', 'src', 'main.js');
/** Generous: a first boot runs initdb, and CI machines may be busy. */
const BOOT_TIMEOUT_MS = 120_000;

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exit: Promise<number | null>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The environment of a machine with no services: nothing of the test run's own configuration. */
function bareEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(ASSAY_|DATABASE_URL|REDIS_URL|SMTP_URL|PUBLIC_URL|QUEUE_PREFIX)/.test(name)));
  return { ...env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', ASSAY_ADMIN_EMAIL: ADMIN.email, ASSAY_ADMIN_PASSWORD: ADMIN.password };
}

function launch(dataDir: string, port: number): Running {
  const child = spawn(process.execPath, [MAIN], { env: bareEnv(dataDir, port), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exit };
}

/** Starts Assay and resolves once it listens; rejects with its output if it exits first. */
async function boot(dataDir: string): Promise<Running> {
  const running = launch(dataDir, await freePort());
  const exited = running.exit.then((code) => {
    throw new Error(`Assay exited with ${code} before listening:\n${running.output()}`);
  });
  try {
    await Promise.race([exited, waitFor('Assay to listen', () => running.output().includes('listening on'), { timeoutMs: BOOT_TIMEOUT_MS })]);
  } catch (error) {
    running.child.kill('SIGKILL'); // a boot that failed the test must not outlive it
    throw error;
  }
  exited.catch(() => undefined);
  return running;
}

async function stop(running: Running): Promise<void> {
  running.child.kill('SIGTERM');
  expect(await running.exit).toBe(0);
}

async function call(running: Running, path: string, init: { method?: string; token?: string; body?: object } = {}) {
  const response = await fetch(`${running.url}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

async function login(running: Running, email = ADMIN.email, password = ADMIN.password): Promise<string> {
  const res = await call(running, '/api/v1/auth/login', { body: { email, password } });
  expect(res.status).toBe(200);
  return res.body.token as string;
}

const createUser = (running: Running, token: string, email: string) =>
  call(running, '/api/v1/users', { token, body: { email, name: 'Audit Person', role: 'auditor', password: PASSWORD } });

async function listEmails(running: Running, token: string): Promise<Set<string>> {
  const emails = new Set<string>();
  let cursor: string | null = null;
  do {
    const res = await call(running, `/api/v1/users?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { token });
    for (const user of res.body.items as { email: string }[]) emails.add(user.email);
    cursor = res.body.nextCursor;
  } while (cursor);
  return emails;
}

/** A data directory, already initialised when the run made a template (saves initdb's seconds). */
async function dataDirectory(seeded: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'assay-embedded-'));
  const template = process.env.TEST_PGLITE_TEMPLATE;
  if (seeded && template) await Promise.all(['db', 'queue'].map((name) => cp(template, join(dir, name), { recursive: true })));
  return dir;
}

describe('embedded mode: npm start with no services', () => {
  const dirs: string[] = [];
  const running: Running[] = [];
  const track = (r: Running) => (running.push(r), r);
  const newDataDir = async (seeded = true) => {
    const dir = await dataDirectory(seeded);
    dirs.push(dir);
    return dir;
  };

  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await Promise.all(running.map((r) => r.exit));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('creates its database on first boot, serves the API and docs, mails to files through the PostgreSQL queue, and keeps everything across a restart', async () => {
    const dataDir = await newDataDir(false);
    const first = track(await boot(dataDir));
    expect(first.output()).toContain('queues: BullMQ on a second embedded PostgreSQL');
    const docs = await fetch(`${first.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
    expect((await call(first, '/health/ready')).body).toEqual({ status: 'ok', checks: { database: 'ok', queue: 'ok', sweep: 'ok' } });

    const token = await login(first);
    const email = 'auditor.one@bank.example';
    expect((await createUser(first, token, email)).status).toBe(201);
    // The account mail is a job on BullMQ's PostgreSQL backend; without SMTP_URL it becomes a file.
    const mailDir = join(dataDir, 'mail');
    const [file] = await waitFor('the account mail', async () => {
      const files = existsSync(mailDir) ? (await readdir(mailDir)).filter((name) => name.endsWith('.eml')) : [];
      return files.length > 0 && files;
    });
    const mail = await readFile(join(mailDir, file), 'utf8');
    expect(mail).toMatch(/^To: auditor\.one@bank\.example$/m);
    expect(mail).toMatch(/^Subject: Your Assay account$/m);
    expect(first.output()).toMatch(/"to":"auditor\.one@bank\.example".*"subject":"Your Assay account".*mail written to file/);

    await stop(first);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const second = track(await boot(dataDir));
    const userToken = await login(second, email, PASSWORD);
    expect((await call(second, '/api/v1/me', { token: userToken })).body.email).toBe(email);
    await stop(second);
  }, 240_000);

  it('refuses a second process on the same DATA_DIR, naming the one that holds it', async () => {
    const dataDir = await newDataDir();
    const holder = track(await boot(dataDir));
    const intruder = track(launch(dataDir, await freePort()));
    expect(await intruder.exit).toBe(1);
    expect(intruder.output()).toContain(`Assay failed to start: DATA_DIR ${dataDir} is in use by process ${holder.child.pid}`);
    expect((await call(holder, '/health/ready')).status).toBe(200);
    await stop(holder);
  }, 240_000);

  it('recovers from kill -9 during writes: the stale lock and socket are taken over and every committed write is there', async () => {
    const dataDir = await newDataDir();
    const victim = track(await boot(dataDir));
    const token = await login(victim);
    const committed: string[] = [];
    const writing = (async () => {
      for (let i = 0; ; i++) {
        const email = `crash.${i}@bank.example`;
        const res = await createUser(victim, token, email).catch(() => undefined);
        if (!res) return;
        if (res.status === 201) committed.push(email);
      }
    })();
    await waitFor('some committed writes', () => committed.length >= 5, { timeoutMs: 30_000 });
    victim.child.kill('SIGKILL');
    await Promise.all([victim.exit, writing]);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(true);
    expect(existsSync(join(dataDir, 'run', 'db', '.s.PGSQL.5432'))).toBe(true);

    const revived = track(await boot(dataDir));
    const emails = await listEmails(revived, await login(revived));
    expect(committed.filter((email) => !emails.has(email))).toEqual([]);
    await stop(revived);
  }, 240_000);

  it('takes over a lock left by a process that no longer runs', async () => {
    const dataDir = await newDataDir();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeFile(join(dataDir, LOCK_FILE), JSON.stringify({ pid: gone.pid, host: hostname(), startedAt: new Date(0).toISOString() }));
    const running = track(await boot(dataDir));
    await stop(running);
  }, 240_000);

  it('stops with a clear message when DATA_DIR cannot be written', async () => {
    const parent = await newDataDir(false);
    const notADirectory = join(parent, 'a-file');
    await writeFile(notADirectory, '');
    const failed = track(launch(join(notADirectory, 'data'), await freePort()));
    expect(await failed.exit).toBe(1);
    expect(failed.output()).toContain(`Assay failed to start: DATA_DIR ${join(notADirectory, 'data')} cannot be created (ENOTDIR)`);
  }, 120_000);
});

describe('the embedded database server', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await dataDirectory(true);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps every connection\'s queries and transactions whole while many connections share its one session', async () => {
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'db') });
    const pool = new pg.Pool({ ...server.endpoint, max: 8 });
    try {
      await pool.query('CREATE TABLE writes (id serial PRIMARY KEY, worker int NOT NULL)');
      const wrong: string[] = [];
      await Promise.all(
        Array.from({ length: 8 }, async (_, worker) => {
          for (let i = 0; i < 30; i++) {
            const client = await pool.connect();
            try {
              await client.query('BEGIN');
              await client.query('INSERT INTO writes (worker) VALUES ($1)', [worker]);
              const echoed = await client.query('SELECT $1::int AS worker, $2::text AS text', [worker, 'x'.repeat(i)]);
              if (echoed.rows[0].worker !== worker || echoed.rows[0].text.length !== i) wrong.push(`${worker}/${i}`);
              await client.query(i % 3 === 0 ? 'ROLLBACK' : 'COMMIT');
            } finally {
              client.release();
            }
          }
        }),
      );
      expect(wrong).toEqual([]);
      const { rows } = await pool.query('SELECT worker, count(*)::int AS n FROM writes GROUP BY worker ORDER BY worker');
      expect(rows).toEqual(Array.from({ length: 8 }, (_, worker) => ({ worker, n: 20 })));
    } finally {
      await pool.end();
      await server.stop();
    }
  }, 120_000);

  it('rolls back the open transaction of a connection that goes away, and serves the others', async () => {
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'db') });
    const [leaving, staying] = [new pg.Client(server.endpoint), new pg.Client(server.endpoint)];
    try {
      await Promise.all([leaving.connect(), staying.connect()]);
      leaving.on('error', () => undefined); // it is cut off on purpose
      await staying.query('CREATE TABLE IF NOT EXISTS abandoned (id int)');
      await leaving.query('BEGIN');
      await leaving.query('INSERT INTO abandoned VALUES (1)');
      const waiting = staying.query('SELECT count(*)::int AS n FROM abandoned');
      leaving.connection.stream.destroy();
      expect((await waiting).rows).toEqual([{ n: 0 }]);
    } finally {
      await staying.end();
      await server.stop();
    }
  }, 120_000);

  it('passes a NOTIFY on to the connections that LISTEN, not only to the one that sent it', async () => {
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'db') });
    const [sender, listener] = [new pg.Client(server.endpoint), new pg.Client(server.endpoint)];
    try {
      await Promise.all([sender.connect(), listener.connect()]);
      await listener.query('LISTEN jobs');
      const heard = new Promise<string | undefined>((resolve) => listener.once('notification', (message) => resolve(message.payload)));
      await sender.query("SELECT pg_notify('jobs', 'notifications')");
      expect(await heard).toBe('notifications');
    } finally {
      await Promise.all([sender.end(), listener.end()]);
      await server.stop();
    }
  }, 120_000);

  it('fails at once, saying why, when a transaction\'s caller queries through the DataSource instead of the transaction', async () => {
    const server = await startEmbeddedPostgres({ dataDir: join(dir, 'db') });
    const db = createDataSource(testConfig(undefined, dir));
    useEmbeddedEndpoint(db, server.endpoint);
    try {
      await db.initialize();
      refuseNestedQueries(db);
      expect(await db.transaction((manager) => manager.query('SELECT 1 AS one'))).toEqual([{ one: 1 }]);
      const started = Date.now();
      await expect(db.transaction(() => db.query('SELECT 1'))).rejects.toThrow(NestedQueryError);
      expect(Date.now() - started).toBeLessThan(1000);
      const [a, b] = await Promise.all([db.transaction((m) => m.query('SELECT 2 AS n')), db.transaction((m) => m.query('SELECT 3 AS n'))]);
      expect([a, b]).toEqual([[{ n: 2 }], [{ n: 3 }]]);
    } finally {
      await db.destroy();
      await server.stop();
    }
  }, 120_000);

  it('lets one holder lock a DATA_DIR at a time, within a process too, and frees it on release', async () => {
    const lockDir = join(dir, 'lock');
    await mkdir(lockDir);
    const held = await lockDataDir(lockDir);
    await expect(lockDataDir(lockDir)).rejects.toThrow(DataDirLockedError);
    await held.release();
    expect(existsSync(join(lockDir, LOCK_FILE))).toBe(false);
    const again = await lockDataDir(lockDir);
    await again.release();
  });
});
