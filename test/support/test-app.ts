import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { createApp, startApp, stopApp, type Mode } from '../../src/app.js';
import { Role } from '../../src/auth/roles.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { startEmbeddedPostgres } from '../../src/database/embedded/embedded-postgres.js';
import { OutboxRelay } from '../../src/queue/outbox.relay.js';
import { VendorEntity } from '../../src/vendors/vendor.entity.js';

export const ADMIN_EMAIL = 'admin@bank.example';
export const ADMIN_PASSWORD = 'admin-password-123';
export const PASSWORD = 'a-long-enough-password';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: DataSource;
  http: () => TestAgent;
  /** A URL for node-postgres; on the embedded database it names the socket directory (`?host=`). */
  databaseUrl: string;
  /** Bearer token of the first admin. */
  adminToken: string;
  stop: () => Promise<void>;
}

const serverUrl = () => process.env.TEST_DATABASE_URL!;

/** What this run tests on, as chosen by test/run.mjs from what is reachable. */
export const backends = {
  database: process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded',
  queue: process.env.TEST_REDIS_URL ? 'redis' : 'postgres',
} as const;

/** A test about Redis itself (an outage, say): skipped, saying why, when the queues run on PostgreSQL. */
export function itNeedsRedis(name: string, fn: () => Promise<unknown>, timeout?: number): void {
  if (backends.queue === 'redis') it(name, fn, timeout);
  else it.skip(`${name} [skipped: this run has no Redis; the queues run on BullMQ's PostgreSQL backend]`, fn);
}

/** A fresh database, so test files never see each other's rows: on the test server, or an embedded one of its own. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (backends.database === 'embedded') return createEmbeddedDatabase();
  const name = `assay_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Copies of the initialised PGlite directory test/run.mjs made, so that no test waits for initdb. */
async function seedEmbedded(...dataDirs: string[]): Promise<void> {
  const template = process.env.TEST_PGLITE_TEMPLATE;
  if (template) await Promise.all(dataDirs.map((dir) => cp(template, dir, { recursive: true })));
}

/** PGlite on a temporary directory, served on 127.0.0.1 so that any PostgreSQL client reaches it by URL. */
async function createEmbeddedDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'assay-test-db-'));
  await seedEmbedded(join(dir, 'db'));
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'db') });
  return {
    url: `postgres://postgres@127.0.0.1:${server.endpoint.port}/postgres`,
    drop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function deleteQueueKeys(prefix: string): Promise<void> {
  if (backends.queue !== 'redis') return;
  const redis = new Redis(process.env.TEST_REDIS_URL!, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Without a database URL the application starts its embedded database in `dataDir`. */
export function testConfig(databaseUrl: string | undefined, dataDir: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ASSAY_ADMIN_EMAIL: ADMIN_EMAIL,
    ASSAY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    QUEUE_PREFIX: `assay-test-${randomBytes(4).toString('hex')}`,
    OUTBOX_POLL_MS: '200',
    ...env,
  });
}

/** The real application on this run's backends (its own database, DATA_DIR and queues), listening on a free port. */
export async function startTestApp(options: { env?: Record<string, string>; mode?: Mode; routeDatabase?: (url: string) => string } = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'assay-test-'));
  // On the embedded backends the application starts its own database in its DATA_DIR.
  const database = backends.database === 'postgres' ? await createTestDatabase() : undefined;
  if (!database) await seedEmbedded(join(dataDir, 'db'), join(dataDir, 'queue'));
  // A test of an outage routes the application (not its own checks) through a proxy it can cut.
  const config = testConfig(database && options.routeDatabase ? options.routeDatabase(database.url) : database?.url, dataDir, options.env);
  const app = await createApp(config);
  try {
    await startApp(app, config, options.mode ?? 'all');
  } catch (error) {
    // Leaves no embedded database thread, test database or DATA_DIR behind.
    await stopApp(app).catch(() => undefined);
    await database?.drop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const http = () => request(app.getHttpServer());
  // A worker serves no API, so there is nobody to sign in to.
  const login = options.mode === 'worker' ? undefined : await http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
  let stopped = false;
  return {
    app,
    config,
    db: app.get(DataSource),
    http,
    databaseUrl: database?.url ?? `postgres://postgres@localhost/postgres?host=${encodeURIComponent(join(dataDir, 'run', 'db'))}`,
    adminToken: login?.body.token ?? '',
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopApp(app);
      await database?.drop();
      await deleteQueueKeys(config.queuePrefix);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A vendor row for tests that only need one to exist (the vendor API has its own tests). */
export async function makeVendor(t: TestApp, legalName = `Vendor ${randomBytes(3).toString('hex')}`): Promise<string> {
  const vendor = await t.db.getRepository(VendorEntity).save({ legalName, country: 'GB' });
  return vendor.id;
}

/** Creates a user with a role through the API and signs it in; a vendor user gets a vendor of its own unless one is given. */
export async function signIn(t: TestApp, role: Role, extra: { vendorId?: string; email?: string; name?: string } = {}) {
  const email = extra.email ?? `${role}.${randomBytes(4).toString('hex')}@bank.example`;
  const vendorId = role === Role.Vendor ? (extra.vendorId ?? (await makeVendor(t))) : undefined;
  const created = await t
    .http()
    .post('/api/v1/users')
    .set(bearer(t.adminToken))
    .send({ email, name: extra.name ?? `Test ${role}`, role, password: PASSWORD, ...(vendorId ? { vendorId } : {}) })
    .expect(201);
  const login = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
  return { id: created.body.id as string, email, token: login.body.token as string, vendorId };
}

export async function drainOutbox(t: TestApp): Promise<void> {
  const relay = t.app.get(OutboxRelay);
  relay.kick();
  await relay.idle();
}
