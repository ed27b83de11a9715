/**
 * Report benchmarks. "A 40-page report under 300 ms in the worker": the PDF drawn from a made-up
 * ReportData of about forty pages, median of several builds after a warm-up. "1,000 queued
 * reports drained at 20/s or better on two cores": the app in this process on a fresh database
 * and real Redis (BENCH_REDIS_URL, TEST_REDIS_URL or the local one), a thousand reports requested
 * over HTTP while no worker runs, then the worker started and timed until every report is ready.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { createApp, startApp, stopApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { QueueName } from '../../src/queue/jobs.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { WorkerHost } from '../../src/queue/worker.host.js';
import { renderReport } from '../../src/reports/pdf/document.js';
import { BENCH_ADMIN, benchDatabase, call, median } from './harness.js';
import { FORTY_PAGES, sampleReportData } from './report-sample.js';

const REPORTS = 1000;
const TARGET_MS = 300;
const TARGET_RATE = 20;

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

export async function reportBuildSpeed(): Promise<string> {
  const data = sampleReportData(FORTY_PAGES);
  for (let i = 0; i < 3; i++) await renderReport(data, discard());
  const times: number[] = [];
  const cpu: number[] = [];
  let pages = 0;
  for (let i = 0; i < 11; i++) {
    const [start, startCpu] = [performance.now(), process.cpuUsage()];
    pages = (await renderReport(data, discard())).pageCount;
    times.push(performance.now() - start);
    cpu.push(cpuMs(process.cpuUsage(startCpu)));
  }
  const ms = median(times);
  return [
    `${ms < TARGET_MS ? 'PASS' : 'FAIL'} (target < ${TARGET_MS} ms): ${pages} pages, median ${ms.toFixed(0)} ms, fastest ${Math.min(...times).toFixed(0)} ms, slowest ${Math.max(...times).toFixed(0)} ms over ${times.length} builds`,
    // CPU time tells the build's own cost apart from waiting for a busy machine's cores.
    `median CPU time ${median(cpu).toFixed(0)} ms, load average ${loadavg()[0].toFixed(1)}`,
  ].join('; ');
}

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

/** Answers every visible question the way a vendor would, then submits. */
async function answerAndSubmit(base: string, vendorToken: string, assessmentId: string): Promise<void> {
  const answered = new Set<string>();
  for (let round = 0; round < 20; round++) {
    const { items } = await call<{ items: { id: string; type: string; options?: { value: unknown }[]; evidence?: { required: boolean } }[] }>(base, 'GET', `/assessments/${assessmentId}/questions`, vendorToken);
    const open = items.filter((q) => !answered.has(q.id));
    if (open.length === 0) break;
    const responses = open.map((q) => {
      if (q.type === 'evidence' || q.evidence?.required) return { questionId: q.id, notApplicable: true, reason: 'Covered by the master agreement' };
      const value = q.type === 'boolean' ? true : q.type === 'multi_choice' ? [q.options![0].value] : q.options?.length ? q.options[0].value : q.type === 'number' ? 3 : q.type === 'date' ? '2025-01-31' : 'Documented in the vendor policy.';
      return { questionId: q.id, value };
    });
    await call(base, 'PUT', `/assessments/${assessmentId}/responses`, vendorToken, { responses });
    open.forEach((q) => answered.add(q.id));
  }
  await call(base, 'POST', `/assessments/${assessmentId}/submit`, vendorToken);
}

/** A submitted assessment on the shipped questionnaires, and a risk manager's token. */
export async function submittedAssessment(base: string): Promise<{ assessmentId: string; riskToken: string }> {
  const admin = (await call(base, 'POST', '/auth/login', undefined, BENCH_ADMIN)).token as string;
  const user = async (role: string, extra: object = {}) => {
    const email = `${role}.${randomBytes(4).toString('hex')}@bank.example`;
    await call(base, 'POST', '/users', admin, { email, name: `Bench ${role}`, role, password: 'bench-user-password', ...extra });
    return (await call(base, 'POST', '/auth/login', undefined, { email, password: 'bench-user-password' })).token as string;
  };
  const buyer = await user('procurement');
  const vendor = await call(base, 'POST', '/vendors', buyer, { legalName: 'Bench Vendor Ltd', country: 'GB' });
  const contact = await call(base, 'POST', `/vendors/${vendor.id}/contacts`, buyer, { name: 'Sam Lee', email: 'sam@vendor.example' });
  const system = await call(base, 'POST', `/vendors/${vendor.id}/ai-systems`, buyer, { name: 'Scorer', version: '1.0', modelType: 'predictive', hosting: 'vendor_saas' });
  const answers = { decision_impact: 'none', data_sensitivity: 'internal', exposure: 'internal', annex_iii_area: 'none', generative: false, interacts_with_people: false, autonomy: 'suggests_only', prohibited_practice: false, business_criticality: 'low' };
  const intake = await call(base, 'POST', '/intakes', buyer, { aiSystemId: system.id, useCase: 'Bench', answers });
  const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const assessment = await call(base, 'POST', '/assessments', buyer, { intakeId: intake.id, dueDate, contactIds: [contact.id] });
  await call(base, 'POST', `/assessments/${assessment.id}/send`, buyer);
  await answerAndSubmit(base, await user('vendor', { vendorId: vendor.id }), assessment.id);
  return { assessmentId: assessment.id, riskToken: await user('risk_manager') };
}

/** Requests `count` reports over HTTP, a few at a time. */
async function requestReports(base: string, token: string, assessmentId: string, count: number): Promise<void> {
  let next = 0;
  const client = async () => {
    while (next < count) {
      next++;
      await call(base, 'POST', `/assessments/${assessmentId}/reports`, token);
    }
  };
  await Promise.all(Array.from({ length: 8 }, client));
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function reportDrainRate(): Promise<string> {
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await reachable(redisUrl))) return `SKIPPED: no Redis answers at ${new URL(redisUrl).host}`;
  const database = await benchDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'assay-bench-'));
  const config = loadConfig({
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    REDIS_URL: redisUrl,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ASSAY_ADMIN_EMAIL: BENCH_ADMIN.email,
    ASSAY_ADMIN_PASSWORD: BENCH_ADMIN.password,
    QUEUE_PREFIX: `assay-bench-${randomBytes(4).toString('hex')}`,
  });
  const app = await createApp(config);
  try {
    // API only at first: the reports pile up in the queue, then the worker drains them.
    await startApp(app, config, 'api');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const { assessmentId, riskToken } = await submittedAssessment(base);
    await requestReports(base, riskToken, assessmentId, REPORTS);
    const queue = app.get(QueueService).queue(QueueName.Reports);
    await waitUntil('every report job in the queue', async () => (await queue.getJobCounts('waiting')).waiting >= REPORTS, 60_000);

    const db = app.get(DataSource);
    const counts = async () => (await db.query(`SELECT count(*) FILTER (WHERE status = 'ready')::int AS ready, count(*) FILTER (WHERE status = 'failed')::int AS failed, max(page_count) AS pages FROM reports`))[0];
    const [started, startCpu] = [performance.now(), process.cpuUsage()];
    app.get(WorkerHost).start();
    await waitUntil('every report to be ready', async () => {
      const { ready, failed } = await counts();
      if (failed > 0) throw new Error(`${failed} reports failed`);
      return ready >= REPORTS;
    }, 600_000);
    const seconds = (performance.now() - started) / 1000;
    const appCpu = cpuMs(process.cpuUsage(startCpu)) / REPORTS;
    const rate = REPORTS / seconds;
    const { pages } = await counts();
    return [
      `${rate >= TARGET_RATE ? 'PASS' : 'FAIL'} (target >= ${TARGET_RATE}/s): ${REPORTS} reports of ${pages} pages drained in ${seconds.toFixed(1)} s = ${rate.toFixed(1)} reports/s`,
      `${appCpu.toFixed(1)} ms of app CPU per report`,
      `${database.label}, Redis at ${new URL(redisUrl).host}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}`,
    ].join('; ');
  } finally {
    await Promise.all(Object.values(QueueName).map((name) => app.get(QueueService).queue(name).obliterate({ force: true }).catch(() => undefined)));
    await stopApp(app);
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
