import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
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
  databaseUrl: string;
  /** Bearer token of the first admin. */
  adminToken: string;
  stop: () => Promise<void>;
}

const serverUrl = () => process.env.TEST_DATABASE_URL!;

/** A fresh database on the test server, so test files never see each other's rows. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
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

export async function deleteQueueKeys(prefix: string): Promise<void> {
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

export function testConfig(databaseUrl: string, dataDir: string, env: Record<string, string> = {}): AppConfig {
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

/** The real application on a real database and Redis, listening on a free port. */
export async function startTestApp(options: { env?: Record<string, string>; mode?: Mode } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'assay-test-'));
  const config = testConfig(database.url, dataDir, options.env);
  const app = await createApp(config);
  await startApp(app, config, options.mode ?? 'all');
  const http = () => request(app.getHttpServer());
  const login = await http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
  let stopped = false;
  return {
    app,
    config,
    db: app.get(DataSource),
    http,
    databaseUrl: database.url,
    adminToken: login.body.token,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopApp(app);
      await database.drop();
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
export async function signIn(t: TestApp, role: Role, extra: { vendorId?: string; email?: string } = {}) {
  const email = extra.email ?? `${role}.${randomBytes(4).toString('hex')}@bank.example`;
  const vendorId = role === Role.Vendor ? (extra.vendorId ?? (await makeVendor(t))) : undefined;
  const created = await t
    .http()
    .post('/api/v1/users')
    .set(bearer(t.adminToken))
    .send({ email, name: `Test ${role}`, role, password: PASSWORD, ...(vendorId ? { vendorId } : {}) })
    .expect(201);
  const login = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
  return { id: created.body.id as string, email, token: login.body.token as string, vendorId };
}

export async function drainOutbox(t: TestApp): Promise<void> {
  const relay = t.app.get(OutboxRelay);
  relay.kick();
  await relay.idle();
}
