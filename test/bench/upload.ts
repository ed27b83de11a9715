/**
 * "A 50 MB upload: memory growth under 20 MB". The app runs in this process on a real database;
 * a child process streams a 50 MB evidence file to it over HTTP while this process samples its
 * own RSS and heap. Growth is measured from the settled state just before the upload.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { createApp, startApp, stopApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { UploadOrder, UploadResult } from './upload-client.js';

const UPLOAD_BYTES = 50 * 1024 * 1024;
const TARGET_GROWTH_BYTES = 20 * 1024 * 1024;
const MB = 1024 * 1024;

// The bench forces collections to tell live memory from garbage awaiting the collector.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

interface Peak {
  rss: number;
  /** Heap plus Buffers (external memory), where an upload held whole would show. */
  memory: number;
}

const used = (usage: NodeJS.MemoryUsage) => usage.heapUsed + usage.external;

/** Samples every few ms; with `live`, after a forced collection, so only what is still referenced counts. */
function sampler(live: boolean): { stop: () => Peak } {
  const peak: Peak = { rss: 0, memory: 0 };
  const sample = () => {
    if (live) collect();
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.memory = Math.max(peak.memory, used(usage));
  };
  sample();
  const timer = setInterval(sample, live ? 20 : 5);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** Uploads from a child process, so only the server's memory is measured here. */
function uploadFromChild(order: UploadOrder): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./upload-client.js', import.meta.url)), { stdio: 'inherit' });
    child.once('message', (result: UploadResult) => resolve(result));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`the upload client exited with ${code}`)));
    child.send(order);
  });
}

const settle = async () => {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 200));
  collect();
};

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

/** One measured 50 MB upload: peak growth over the settled state just before it. */
async function measuredUpload(order: UploadOrder, live: boolean): Promise<{ rss: number; memory: number; seconds: number }> {
  await settle();
  const before = process.memoryUsage();
  const peakSampler = sampler(live);
  const started = Date.now();
  const result = await uploadFromChild(order);
  const peak = peakSampler.stop();
  if (result.status !== 201) throw new Error(`upload answered ${result.status}: ${result.body}`);
  if (JSON.parse(result.body).sha256 !== result.sha256) throw new Error('the stored SHA-256 differs from the bytes sent');
  return { rss: peak.rss - before.rss, memory: peak.memory - used(before), seconds: (Date.now() - started) / 1000 };
}

const ADMIN = { email: 'bench.admin@bank.example', password: 'bench-admin-password' };
const PASSWORD = 'bench-user-password';

/** A JSON call to the running app; the bench needs no test framework. */
async function api(base: string, method: string, path: string, token?: string, body?: object): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Record<string, string>;
}

/** A sent assessment and a signed-in user of its vendor, made through the API as procurement would. */
async function sentAssessment(base: string): Promise<{ assessmentId: string; vendorToken: string }> {
  const admin = (await api(base, 'POST', '/auth/login', undefined, ADMIN)).token;
  const user = async (role: string, extra: object = {}) => {
    const email = `${role}.${randomBytes(4).toString('hex')}@bank.example`;
    await api(base, 'POST', '/users', admin, { email, name: `Bench ${role}`, role, password: PASSWORD, ...extra });
    return (await api(base, 'POST', '/auth/login', undefined, { email, password: PASSWORD })).token;
  };
  const buyer = await user('procurement');
  const vendor = await api(base, 'POST', '/vendors', buyer, { legalName: 'Bench Vendor', country: 'GB' });
  const contact = await api(base, 'POST', `/vendors/${vendor.id}/contacts`, buyer, { name: 'Sam Lee', email: 'sam@vendor.example' });
  const system = await api(base, 'POST', `/vendors/${vendor.id}/ai-systems`, buyer, { name: 'Scorer', version: '1.0', modelType: 'predictive', hosting: 'vendor_saas' });
  const answers = { decision_impact: 'none', data_sensitivity: 'internal', exposure: 'internal', annex_iii_area: 'none', generative: false, interacts_with_people: false, autonomy: 'suggests_only', prohibited_practice: false, business_criticality: 'low' };
  const intake = await api(base, 'POST', '/intakes', buyer, { aiSystemId: system.id, useCase: 'Bench', answers });
  const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const assessment = await api(base, 'POST', '/assessments', buyer, { intakeId: intake.id, dueDate, contactIds: [contact.id] });
  await api(base, 'POST', `/assessments/${assessment.id}/send`, buyer);
  return { assessmentId: assessment.id, vendorToken: await user('vendor', { vendorId: vendor.id }) };
}

/** A fresh database on BENCH_DATABASE_URL / TEST_DATABASE_URL's server; without one, the embedded database. */
async function benchDatabase(): Promise<{ url?: string; drop: () => Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) return { drop: async () => undefined };
  const name = `assay_bench_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Three uploads after a small warm-up: the first, cold one shows how far RSS grows while the
 * collector lets socket buffers pile up; the second shows the steady state; the third, sampled
 * after forced collections, shows what the upload really holds. The target is met when both the
 * steady RSS growth and the live growth stay under 20 MB.
 */
async function measure(port: number, assessmentId: string, vendorToken: string): Promise<string> {
  const order = { port, path: `/api/v1/assessments/${assessmentId}/evidence`, token: vendorToken, size: UPLOAD_BYTES };
  await uploadFromChild({ ...order, size: MB });
  const cold = await measuredUpload(order, false);
  const steady = await measuredUpload(order, false);
  const live = await measuredUpload(order, true);
  const verdict = steady.rss < TARGET_GROWTH_BYTES && live.memory < TARGET_GROWTH_BYTES ? 'PASS' : 'FAIL';
  return [
    `${verdict} (target < 20 MB)`,
    `first upload ${cold.seconds.toFixed(1)} s, peak RSS +${mb(cold.rss)}, heap+buffers +${mb(cold.memory)} (mostly garbage not yet collected)`,
    `steady ${steady.seconds.toFixed(1)} s, peak RSS +${mb(steady.rss)}, heap+buffers +${mb(steady.memory)}`,
    `live (forced GC) peak RSS +${mb(live.rss)}, heap+buffers +${mb(live.memory)}`,
  ].join('; ');
}

export async function uploadMemory(): Promise<string> {
  const database = await benchDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'assay-bench-'));
  const config = loadConfig({
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ASSAY_ADMIN_EMAIL: ADMIN.email,
    ASSAY_ADMIN_PASSWORD: ADMIN.password,
    MAX_UPLOAD_BYTES: String(UPLOAD_BYTES + MB),
    QUEUE_PREFIX: `assay-bench-${randomBytes(4).toString('hex')}`,
  });
  const app = await createApp(config);
  try {
    await startApp(app, config, 'api');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const { assessmentId, vendorToken } = await sentAssessment(`http://127.0.0.1:${port}`);
    return await measure(port, assessmentId, vendorToken);
  } finally {
    await stopApp(app);
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
