/** What the benchmarks share: a fresh database, the app in this process, and JSON calls to it. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApp, startApp, stopApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';

export const BENCH_ADMIN = { email: 'bench.admin@bank.example', password: 'bench-admin-password' };
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

async function sql(server: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh database on BENCH_DATABASE_URL's or TEST_DATABASE_URL's server; the embedded one when none answers. */
export async function benchDatabase(): Promise<{ url?: string; label: string; drop: () => Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? DEFAULT_SERVER;
  const name = `assay_bench_${randomBytes(6).toString('hex')}`;
  try {
    await sql(server, `CREATE DATABASE ${name}`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
    return { label: 'embedded PGlite', drop: async () => undefined };
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), label: `PostgreSQL at ${url.host}`, drop: () => sql(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface BenchApp {
  base: string;
  label: string;
  stop: () => Promise<void>;
}

/** The whole application on a fresh database, listening on a free port of the loopback. */
export async function bootBenchApp(env: Record<string, string> = {}): Promise<BenchApp> {
  const database = await benchDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'assay-bench-'));
  const config = loadConfig({
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}),
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ASSAY_ADMIN_EMAIL: BENCH_ADMIN.email,
    ASSAY_ADMIN_PASSWORD: BENCH_ADMIN.password,
    QUEUE_PREFIX: `assay-bench-${randomBytes(4).toString('hex')}`,
    // The benchmarks measure the application; a client at full speed would only measure the limiter.
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  const app = await createApp(config);
  await startApp(app, config, 'all');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    label: database.label,
    stop: async () => {
      await stopApp(app);
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A JSON call to the running app; throws on anything but success. */
export async function call<T = Record<string, any>>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
