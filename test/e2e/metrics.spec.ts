/**
 * What a Prometheus scraper reads at /metrics: the process and Node metrics, HTTP latency by
 * route template (never by concrete path), and, with METRICS_TOKEN set, nothing without the token.
 */
import { randomUUID } from 'node:crypto';
import { expectProblem } from '../support/problem.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'scrape-token-0123456789';

describe('metrics', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('exposes process, Node and HTTP metrics, the HTTP ones labelled by route template', async () => {
    t = await startTestApp();
    const id = randomUUID();
    await t.http().get(`/api/v1/vendors/${id}`).set(bearer(t.adminToken)).expect(404);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    for (const name of [
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds',
      'assay_http_request_duration_seconds',
      'assay_queue_jobs',
      'assay_outbox_pending',
    ]) {
      expect(res.text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
    expect(res.text).toContain('route="/api/v1/vendors/:id"');
    expect(res.text).not.toContain(id);
  });

  it('registers the process metrics once when a process builds several applications', async () => {
    t = await startTestApp();
    const second = await startTestApp();
    try {
      const res = await second.http().get('/metrics').expect(200);
      expect(res.text.match(/^# TYPE process_resident_memory_bytes /gm)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  describe('with METRICS_TOKEN set', () => {
    beforeEach(async () => {
      t = await startTestApp({ env: { METRICS_TOKEN: TOKEN } });
    });

    it('refuses a scrape without a token with a 401 problem', async () => {
      const res = await t!.http().get('/metrics');
      expectProblem(res, 401, 'unauthenticated');
      expect(res.text).not.toContain('process_resident_memory_bytes');
    });

    it.each([
      ['a wrong token', `Bearer ${TOKEN}x`],
      ['a user session token in place of the metrics token', 'session'],
      ['the token without the Bearer scheme', TOKEN],
    ])('refuses %s', async (_, authorization) => {
      const header = authorization === 'session' ? `Bearer ${t!.adminToken}` : authorization;
      expectProblem(await t!.http().get('/metrics').set('authorization', header), 401, 'unauthenticated');
    });

    it('serves the metrics to a scraper with the token', async () => {
      const res = await t!.http().get('/metrics').set(bearer(TOKEN)).expect(200);
      expect(res.text).toContain('process_resident_memory_bytes');
    });

    it('leaves the health checks open to load balancers', async () => {
      await t!.http().get('/health/ready').expect(200);
      await t!.http().get('/health/live').expect(200);
    });
  });
});
