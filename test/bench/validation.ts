/**
 * "A 1,000,000-row sample against a 1,000,000-row reference, parsed, computed with 1,000 bootstrap
 * resamples and stored in under 20 s in the worker, with RSS growth under 300 MB": two CSVs
 * (label, score, two group columns, five numeric features) are written first; the reference run
 * is computed untimed, then the sample's run is timed through the worker's job handler.
 */
import type { Job } from 'bullmq';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { createApp, startApp, stopApp } from '../../src/app.js';
import { AiSystemEntity } from '../../src/ai-systems/ai-system.entity.js';
import { loadConfig } from '../../src/config/config.js';
import { seededRandom } from '../../src/domain/validation/random.js';
import { readMapping } from '../../src/domain/validation/mapping.js';
import type { EvidenceStorage } from '../../src/evidence/storage/evidence-storage.js';
import { VendorEntity } from '../../src/vendors/vendor.entity.js';
import { ValidationRunEntity } from '../../src/validation/validation-run.entity.js';
import { VALIDATION_STORAGE } from '../../src/validation/validation-storage.js';
import { ValidationJobs } from '../../src/validation/validation.jobs.js';
import { BENCH_ADMIN, benchDatabase } from './harness.js';
import { createHash } from 'node:crypto';

const ROWS = 1_000_000;
const TARGET_MS = 20_000;
const TARGET_RSS_MB = 300;
const AGES = ['18-29', '30-44', '45-59', '60+'];
const REGIONS = ['north', 'south', 'east', 'west', 'centre'];

/** Writes a sample; `drift` moves the scores and features a little, as a later population would. */
async function writeSample(path: string, seed: number, drift: number): Promise<{ sha256: string; size: number }> {
  const random = seededRandom(seed);
  const out = createWriteStream(path);
  const hash = createHash('sha256');
  const write = async (text: string) => {
    hash.update(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('label,score,age,region,f1,f2,f3,f4,f5\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    const label = random() < 0.2 ? 1 : 0;
    const score = Math.min(1, Math.max(0, 0.3 + 0.25 * label + drift + 0.4 * (random() - 0.5)));
    const features = Array.from({ length: 5 }, (_, k) => (100 * (k + 1) * (random() + drift)).toFixed(2));
    chunk += `${label},${score.toFixed(5)},${AGES[Math.floor(random() * 4)]},${REGIONS[Math.floor(random() * 5)]},${features.join(',')}\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return { sha256: hash.digest('hex'), size: (await stat(path)).size };
}

const fakeJob = { attemptsMade: 0, opts: { attempts: 1 } } as unknown as Job;

export async function validationSpeed(): Promise<string> {
  const database = await benchDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'assay-bench-validation-'));
  const config = loadConfig({ ...(database.url ? { DATABASE_URL: database.url } : {}), DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ASSAY_ADMIN_EMAIL: BENCH_ADMIN.email, ASSAY_ADMIN_PASSWORD: BENCH_ADMIN.password, QUEUE_PREFIX: `assay-bench-${Date.now()}` });
  const app = await createApp(config);
  try {
    await startApp(app, config, 'api');
    const db = app.get(DataSource);
    const storage = app.get<EvidenceStorage>(VALIDATION_STORAGE);
    const vendor = await db.getRepository(VendorEntity).save({ legalName: 'Bench Lending', country: 'GB' });
    const system = await db.getRepository(AiSystemEntity).save({ vendorId: vendor.id, name: 'PD model', modelVersion: '1', modelType: 'predictive', hosting: 'vendor_saas' } as Partial<AiSystemEntity>);
    const mapping = readMapping({ kind: 'classification', label: 'label', score: 'score', groups: ['age', 'region'], features: ['f1', 'f2', 'f3', 'f4', 'f5'] }).mapping!;
    const stored = async (seed: number, drift: number, extra: Record<string, unknown>) => {
      const path = join(dataDir, `sample-${seed}.csv`);
      const file = await writeSample(path, seed, drift);
      await storage.put(path, file.sha256);
      return db.getRepository(ValidationRunEntity).save({ aiSystemId: system.id, kind: 'classification', mapping: { ...mapping, ...extra }, inputSha256: file.sha256, inputSize: String(file.size), inputName: 'bench.csv' });
    };
    const jobs = app.get(ValidationJobs);
    const reference = await stored(1, 0, {});
    await jobs.runValidation({ validationId: reference.id }, fakeJob);
    const run = await stored(2, 0.02, { referenceValidationId: reference.id });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const [start, startCpu] = [performance.now(), process.cpuUsage()];
    await jobs.runValidation({ validationId: run.id }, fakeJob);
    const elapsed = performance.now() - start;
    const cpu = process.cpuUsage(startCpu);
    clearInterval(sampler);
    const done = await db.getRepository(ValidationRunEntity).findOneByOrFail({ id: run.id });
    if (done.status !== 'done') throw new Error(`the run ended ${done.status}: ${done.error}`);
    const growthMb = (peak - baseline) / 1024 ** 2;
    const verdict = elapsed < TARGET_MS && growthMb < TARGET_RSS_MB ? 'PASS' : 'FAIL';
    return `${verdict} ${(elapsed / 1000).toFixed(1)} s (target ${TARGET_MS / 1000} s), RSS growth ${growthMb.toFixed(0)} MB (target ${TARGET_RSS_MB} MB), ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU, ${database.label}`;
  } finally {
    await stopApp(app);
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
