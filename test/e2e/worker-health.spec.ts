/**
 * The worker's liveness for containers: with WORKER_HEALTH_PORT, worker mode answers GET
 * /health/live while its queue workers run and 503 once they stopped; the image's health check
 * (dist/src/healthcheck.js) turns those answers into exit codes, for the worker and for the API.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { WorkerHealthListener } from '../../src/health/worker-health.js';
import { WorkerHost } from '../../src/queue/worker.host.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const healthcheck = join(resolve(process.env.TEST_BUILD_DIR ?? 'dist'), 'src', 'healthcheck.js');

/** Runs the health check as Docker does; asynchronously, since the app it asks runs in this process. */
function runHealthcheck(args: string[], env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['PORT', 'HOST', 'WORKER_HEALTH_PORT'].includes(name)));
  const check = spawn(process.execPath, [healthcheck, ...args], { env: { ...clean, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  check.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done, failed) => {
    check.once('error', failed);
    check.once('close', (status) => done({ status, stderr }));
  });
}

const live = (port: number) => fetch(`http://127.0.0.1:${port}/health/live`);

describe('worker mode with WORKER_HEALTH_PORT', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({ mode: 'worker', env: { WORKER_HEALTH_PORT: '0', HOST: '127.0.0.1' } });
    port = t.app.get(WorkerHealthListener).port()!;
  });
  afterAll(() => t?.stop());

  it('answers 200 on /health/live while the workers run, and the health check exits 0', async () => {
    expect(port).toBeGreaterThan(0);
    const response = await live(port);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(await runHealthcheck(['worker'], { WORKER_HEALTH_PORT: String(port) })).toEqual({ status: 0, stderr: '' });
  });

  it('answers 404 on any other path or method', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`, { method: 'POST' })).status).toBe(404);
  });

  it('answers 503 once the workers stopped, the health check exits 1, and the port closes with the app', async () => {
    await t.app.get(WorkerHost).stop();
    const response = await live(port);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'stopped' });
    const check = await runHealthcheck(['worker'], { WORKER_HEALTH_PORT: String(port) });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('answered 503');
    await t.stop();
    await expect(live(port)).rejects.toThrow();
    expect((await runHealthcheck(['worker'], { WORKER_HEALTH_PORT: String(port) })).status).toBe(1);
  });
});

describe('the health listener setting', () => {
  it('is off unless WORKER_HEALTH_PORT is set, and refuses a port out of range', () => {
    const base = { DATABASE_URL: 'postgres://offline/unused' };
    expect(loadConfig(base).workerHealthPort).toBeUndefined();
    expect(loadConfig({ ...base, WORKER_HEALTH_PORT: '3001' }).workerHealthPort).toBe(3001);
    expect(() => loadConfig({ ...base, WORKER_HEALTH_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, WORKER_HEALTH_PORT: 'yes' })).toThrow(ConfigError);
  });

  it('starts no listener in worker mode without it, and the health check says what is missing', async () => {
    const t = await startTestApp({ mode: 'worker' });
    try {
      expect(t.app.get(WorkerHealthListener).port()).toBeUndefined();
    } finally {
      await t.stop();
    }
    const check = await runHealthcheck(['worker'], {});
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('WORKER_HEALTH_PORT is not set');
  });
});

describe('the health check of the API', () => {
  it('exits 0 while /health/ready answers 200 on PORT, and 1 when nothing listens there', async () => {
    const t = await startTestApp({ mode: 'api', env: { WORKER_HEALTH_PORT: '0' } });
    let apiPort = 0;
    try {
      expect(t.app.get(WorkerHealthListener).port()).toBeUndefined();
      apiPort = (t.app.getHttpServer().address() as { port: number }).port;
      expect(await runHealthcheck([], { PORT: String(apiPort) })).toEqual({ status: 0, stderr: '' });
    } finally {
      await t.stop();
    }
    const check = await runHealthcheck([], { PORT: String(apiPort), HOST: '0.0.0.0' });
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(`http://127.0.0.1:${apiPort}/health/ready`);
  });
});
