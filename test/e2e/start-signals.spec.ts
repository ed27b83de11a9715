/**
 * `npm start` as an operator runs it, in embedded mode: a signal to the npm process stops the
 * server, frees its port and releases the DATA_DIR lock; everything it prints is JSON. It runs the
 * build `npm test` made (ASSAY_DIST_DIR, ASSAY_SKIP_BUILD), so it never compiles; the build step itself
 * is run on a stand-in compiler.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LOCK_FILE } from '../../src/database/embedded/data-dir-lock.js';
import { waitFor } from '../support/wait.js';

const BOOT_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
/** Loose: a start that builds nothing is ready in seconds; a busy CI machine gets a wide margin. */
const NO_BUILD_READY_MS = 60_000;
/** One start, a request and a stop, with the boot's generous margin. */
const TEST_TIMEOUT_MS = BOOT_TIMEOUT_MS + 2 * STOP_TIMEOUT_MS;

interface Started {
  npm: ChildProcess;
  url: string;
  dataDir: string;
  stdout: () => string;
  output: () => string;
  exit: Promise<number | null>;
  readyMs: number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  const free = await new Promise<boolean>((done) => {
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => done(true));
  });
  if (free) await new Promise((done) => server.close(done));
  return free;
}

async function dataDirectory(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'assay-start-'));
  const template = process.env.TEST_PGLITE_TEMPLATE;
  if (template) await Promise.all(['db', 'queue'].map((name) => cp(template, join(dir, name), { recursive: true })));
  return dir;
}

/** The environment of a machine with no services, running the build this test run made. */
function startEnv(dataDir: string, port: number, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(ASSAY_|DATABASE_URL|REDIS_URL|SMTP_URL|PUBLIC_URL|QUEUE_PREFIX|npm_)/.test(name)));
  const dist = resolve(process.env.TEST_BUILD_DIR ?? 'dist');
  return { ...env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', ASSAY_SKIP_BUILD: '1', ASSAY_DIST_DIR: dist, ...extra };
}

async function npmStart(extra: NodeJS.ProcessEnv = {}): Promise<Started> {
  const [dataDir, port] = await Promise.all([dataDirectory(), freePort()]);
  const since = performance.now();
  // --silent: npm's own "> assay start" header is not the server's output.
  const npm = spawn('npm', ['start', '--silent'], { env: startEnv(dataDir, port, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let output = '';
  npm.stdout!.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
  npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((done) => npm.once('exit', (code) => done(code)));
  const started: Started = { npm, url: `http://127.0.0.1:${port}`, dataDir, stdout: () => stdout, output: () => output, exit, readyMs: 0 };
  const ready = async () => (await fetch(`${started.url}/health/ready`).catch(() => undefined))?.ok;
  const exited = exit.then((code) => Promise.reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)));
  try {
    await Promise.race([exited, waitFor('npm start to be ready', ready, { timeoutMs: BOOT_TIMEOUT_MS, intervalMs: 200 })]);
  } catch (error) {
    npm.kill('SIGKILL');
    throw error;
  }
  exited.catch(() => undefined);
  started.readyMs = Math.round(performance.now() - since);
  return started;
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`A line on stdout is not JSON: ${line}`);
      }
    });
}

const messages = (lines: Record<string, unknown>[]) => lines.map((line) => String(line.msg));

async function stoppedCleanly(started: Started): Promise<void> {
  const port = Number(new URL(started.url).port);
  await waitFor('the port to be free', () => portIsFree(port), { timeoutMs: STOP_TIMEOUT_MS, intervalMs: 100 });
  await waitFor('the DATA_DIR lock to be released', () => !existsSync(join(started.dataDir, LOCK_FILE)), { timeoutMs: STOP_TIMEOUT_MS, intervalMs: 100 });
  await started.exit;
}

describe('npm start: signals and log lines', () => {
  const all: Started[] = [];
  const track = (started: Started) => (all.push(started), started);

  afterAll(async () => {
    for (const started of all) if (started.npm.exitCode === null && started.npm.signalCode === null) started.npm.kill('SIGKILL');
    await Promise.all(all.map((started) => started.exit));
    await Promise.all(all.map((started) => rm(started.dataDir, { recursive: true, force: true })));
  });

  it('stops the server on SIGTERM to the npm process: the port is free and the DATA_DIR lock released', async () => {
    const started = track(await npmStart());
    process.stdout.write(`benchmark: npm start with nothing to build, on an existing DATA_DIR, ready after ${started.readyMs} ms\n`);
    expect(started.readyMs).toBeLessThan(NO_BUILD_READY_MS);
    expect(existsSync(join(started.dataDir, LOCK_FILE))).toBe(true);
    started.npm.kill('SIGTERM');
    await stoppedCleanly(started);
  }, TEST_TIMEOUT_MS);

  it('stops the server on SIGINT (Ctrl-C) to the npm process, and logs start and stop even at LOG_LEVEL=warn', async () => {
    const started = track(await npmStart());
    started.npm.kill('SIGINT');
    await stoppedCleanly(started);
    const logged = messages(jsonLines(started.stdout()));
    expect(logged.some((msg) => msg.startsWith('First admin created: admin@localhost with password '))).toBe(true);
    expect(logged.some((msg) => msg.includes('listening on'))).toBe(true);
    expect(logged).toContain('SIGINT received: finishing requests and jobs in flight');
    expect(logged.some((msg) => msg.startsWith('Assay stopped'))).toBe(true);
  }, TEST_TIMEOUT_MS);

  it('writes only JSON lines on stdout, logs the traceparent trace id with the request, and keeps route mapping out of info', async () => {
    const started = track(await npmStart({ LOG_LEVEL: 'info' }));
    const traced = await fetch(`${started.url}/health/live`, { headers: { traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` } });
    expect(traced.status).toBe(200);
    started.npm.kill('SIGTERM');
    await stoppedCleanly(started);
    const lines = jsonLines(started.stdout());
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter((line) => line.traceId === TRACE_ID).length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.context === 'RouterExplorer' || line.context === 'RoutesResolver')).toEqual([]);
    const banner = lines.find((line) => String(line.msg).startsWith('First admin created'));
    expect(banner).toMatchObject({ email: 'admin@localhost', initialPassword: expect.stringMatching(/^[\w-]{16}$/) });
  }, TEST_TIMEOUT_MS);
});

describe('npm start: building', () => {
  it("sends the compilers' output to stderr, so that stdout stays JSON only", () => {
    const step = "import { compile } from './scripts/compile.mjs'; process.exit(compile(['-e', 'console.log(\"tsc: 1 error\"); process.exit(2)']));";
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', step], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('tsc: 1 error\n');
    expect(run.status).toBe(2);
  });
});
