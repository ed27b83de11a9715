import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role } from '../../src/auth/roles.js';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from '../../src/webhooks/webhooks.config.js';
import { controlClock } from '../support/clock.js';
import { buyers, CREDIT_INTAKE, draftAssessment, etagOf, reviewedAssessment, submittedAssessment, type Buyer } from '../support/flows.js';
import { activePlan, metric, riskPair } from '../support/monitoring.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { approveInSql, sweep } from '../support/schedules.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The signature checked here with the secret the API showed, as a receiver would. */
  verified: boolean;
}

/** A webhook receiver on 127.0.0.1 that answers with the statuses it is told, then 204. */
class Receiver {
  readonly received: Received[] = [];
  readonly secrets = new Map<string, string>();
  statuses: number[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '';
        this.received.push({ path, headers: req.headers, body, verified: this.verify(path, req.headers, body) });
        res.writeHead(this.statuses.shift() ?? 204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Standard Webhooks verification, written here from the specification rather than taken from the code. */
  private verify(path: string, headers: IncomingHttpHeaders, body: string): boolean {
    const secret = this.secrets.get(path);
    if (!secret) return false;
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest();
    const given = String(headers['webhook-signature'] ?? '').split(' ').map((part) => Buffer.from(part.replace(/^v1,/, ''), 'base64'));
    return given.some((signature) => signature.length === expected.length && timingSafeEqual(signature, expected));
  }

  on(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const ALL_EVENTS = ['assessment.submitted', 'decision.recorded', 'finding.opened', 'finding.closed', 'condition.overdue', 'reassessment.opened'];
const typeOf = (r: Received) => (JSON.parse(r.body) as { type: string }).type;

describe('webhooks: signed events from the outbox, retried, logged and redelivered', () => {
  let t: TestApp;
  let buyer: Buyer;
  let receiver: Receiver;
  let base: string;
  let auditor: string;
  const api = () => t.http();

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    process.env.WEBHOOK_RETRY_BASE_SECONDS = '1';
    receiver = new Receiver();
    base = await receiver.start();
    t = await startTestApp();
    buyer = await buyers(t);
    auditor = (await signIn(t, Role.Auditor)).token;
  });
  afterAll(async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    delete process.env.WEBHOOK_RETRY_BASE_SECONDS;
    await t?.stop();
    await receiver.stop();
  });

  const register = async (path: string, events: string[]) => {
    const res = await api().post('/api/v1/webhooks').set(bearer(t.adminToken)).send({ url: `${base}${path}`, events, description: `receiver ${path}` }).expect(201);
    receiver.secrets.set(path, res.body.secret);
    return res.body as { id: string; secret: string; secretHint: string };
  };
  const deliveries = async (webhookId: string) => (await api().get(`/api/v1/webhooks/${webhookId}/deliveries`).set(bearer(auditor)).expect(200)).body.items as Record<string, unknown>[];

  it('shows the secret once, in the whsec_ form, and never again', async () => {
    const hook = await register('/once', ['finding.opened']);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(hook.secretHint).toBe(hook.secret.slice(0, 10));
    const listed = (await api().get('/api/v1/webhooks').set(bearer(auditor)).expect(200)).body.items.find((w: { id: string }) => w.id === hook.id);
    expect(listed).toEqual({ id: hook.id, url: `${base}/once`, events: ['finding.opened'], description: 'receiver /once', secretHint: hook.secretHint, createdAt: expect.any(String) });
    const [stored] = await t.db.query('SELECT secret_sealed FROM webhooks WHERE id = $1', [hook.id]);
    expect(stored.secret_sealed).toBe(`plain:${hook.secret}`);
    const audit = await t.db.query(`SELECT changes::text AS changes FROM audit_events WHERE entity_id = $1`, [hook.id]);
    expect(audit.map((row: { changes: string }) => row.changes.includes(hook.secret.slice(6)))).toEqual([false]);
    await api().delete(`/api/v1/webhooks/${hook.id}`).set(bearer(t.adminToken)).expect(204);
  });

  it('signs a submission, retries after a 500 with the same webhook-id, logs it, and redelivers it', async () => {
    const hook = await register('/grc', ALL_EVENTS);
    receiver.statuses = [500];
    const a = await submittedAssessment(t, buyer.procurement);
    const [first, second] = await waitFor('the retry after the 500', () => {
      const got = receiver.on('/grc').filter((r) => typeOf(r) === 'assessment.submitted');
      return got.length >= 2 && got;
    });
    expect(first.headers['webhook-id']).toBe(second.headers['webhook-id']);
    expect([first.verified, second.verified]).toEqual([true, true]);
    expect(first.headers['content-type']).toBe('application/json');
    expect(Number(second.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(Number(first.headers['webhook-timestamp']));
    expect(JSON.parse(second.body)).toEqual({
      type: 'assessment.submitted',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { assessmentId: a.assessmentId, aiSystemId: a.aiSystemId, vendorId: a.vendorId, cycle: 1, submittedAt: expect.any(String) },
    });
    expect(second.body).toBe(first.body);

    const logged = await waitFor('the delivery log to show success', async () => {
      const item = (await deliveries(hook.id)).find((d) => d.id === first.headers['webhook-id']);
      return item?.status === 'succeeded' && item;
    });
    expect(logged).toMatchObject({ eventType: 'assessment.submitted', attempts: 2, lastStatusCode: 204, lastError: null, nextAttemptAt: null, deliveredAt: expect.any(String) });

    await api().post(`/api/v1/webhooks/${hook.id}/deliveries/${logged.id}/redeliver`).set(bearer(auditor)).expect(403);
    const again = await api().post(`/api/v1/webhooks/${hook.id}/deliveries/${logged.id}/redeliver`).set(bearer(t.adminToken)).expect(202);
    expect(again.body).toMatchObject({ id: logged.id, status: 'pending' });
    const third = await waitFor('the redelivery', () => receiver.on('/grc').filter((r) => r.headers['webhook-id'] === logged.id)[2]);
    expect(third).toMatchObject({ verified: true, body: first.body });
    await waitFor('the redelivery to be logged', async () => (await deliveries(hook.id)).find((d) => d.id === logged.id && d.status === 'succeeded' && d.attempts === 3));
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectProblem(await api().post(`/api/v1/webhooks/${hook.id}/deliveries/${unknown}/redeliver`).set(bearer(t.adminToken)), 404, 'not_found');
    await api().delete(`/api/v1/webhooks/${hook.id}`).set(bearer(t.adminToken)).expect(204);
  });

  it('tells of findings opened and closed, a decision, an overdue condition and a reassessment', async () => {
    const hook = await register('/all', ALL_EVENTS);
    const a = await reviewedAssessment(t, buyer);
    const finding = (await api().post(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(buyer.riskManager)).send({ title: 'Logs kept too briefly', severity: 'low' }).expect(201)).body;
    await api().patch(`/api/v1/findings/${finding.id}`).set(bearer(buyer.riskManager)).send({ status: 'closed', retestResult: 'Retention raised to a year' }).expect(200);
    const dueDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const decision = { outcome: 'approved_with_conditions', rationale: 'Approved with a logging condition', conditions: [{ text: 'Keep logs 12 months', dueDate }] };
    await api().post(`/api/v1/assessments/${a.assessmentId}/decision`).set(bearer(buyer.riskManager)).set('if-match', await etagOf(t, buyer.riskManager, a.assessmentId)).send(decision).expect(200);
    const clock = controlClock(t);
    try {
      clock.advanceDays(61);
      await sweep(t);
      await sweep(t);
    } finally {
      clock.restore();
    }
    await api().post(`/api/v1/ai-systems/${a.aiSystemId}/reassess`).set(bearer(buyer.riskManager)).send({ reason: 'incident', note: 'A leak' }).expect(201);

    const expected = ['finding.opened', 'finding.closed', 'decision.recorded', 'condition.overdue', 'reassessment.opened'];
    const got = await waitFor('every event', () => {
      const types = receiver.on('/all').map(typeOf).filter((type) => type !== 'assessment.submitted');
      return types.length >= expected.length && receiver.on('/all');
    });
    const byType = new Map(got.map((r) => [typeOf(r), JSON.parse(r.body).data]));
    expect(got.every((r) => r.verified)).toBe(true);
    // Each event is delivered on its own, so they may arrive in any order.
    expect(got.map(typeOf).filter((type) => type !== 'assessment.submitted').sort()).toEqual([...expected].sort());
    expect(byType.get('finding.opened')).toMatchObject({ findingId: finding.id, status: 'open', previousStatus: null, severity: 'low' });
    expect(byType.get('finding.closed')).toMatchObject({ findingId: finding.id, status: 'closed', previousStatus: 'open' });
    expect(byType.get('decision.recorded')).toMatchObject({ assessmentId: a.assessmentId, outcome: 'approved_with_conditions', conditionIds: [expect.any(String)] });
    expect(byType.get('condition.overdue')).toMatchObject({ assessmentId: a.assessmentId, text: 'Keep logs 12 months', dueDate });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM webhook_events WHERE type = 'condition.overdue'`)).toEqual([{ n: 1 }]);
    expect(byType.get('reassessment.opened')).toMatchObject({ aiSystemId: a.aiSystemId, cycle: 2, trigger: 'incident' });
    await api().delete(`/api/v1/webhooks/${hook.id}`).set(bearer(t.adminToken)).expect(204);
  });

  it('tells of a red monitoring figure and of an incident the vendor reports', async () => {
    const hook = await register('/after-approval', ['monitoring.red', 'incident.reported']);
    const a = await draftAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE });
    await approveInSql(t, a.assessmentId, '2028-01-01');
    const owner = await signIn(t, Role.RiskManager);
    await activePlan(t, a.aiSystemId, await riskPair(t), [metric('psi_score', { green: 0.1, amber: 0.25 }, { ownerId: owner.id, escalationContactId: owner.id }, { source: 'staff' })]);
    const vendor = (await signIn(t, Role.Vendor, { vendorId: a.vendorId })).token;
    // A green figure tells nobody; the red one does.
    await api().post(`/api/v1/ai-systems/${a.aiSystemId}/monitoring-submissions`).set(bearer(owner.token)).send({ period: '2026-08', values: [{ metric: 'psi_score', value: 0.05 }] }).expect(201);
    await api().post(`/api/v1/ai-systems/${a.aiSystemId}/monitoring-submissions`).set(bearer(owner.token)).send({ period: '2026-09', values: [{ metric: 'psi_score', value: 0.4 }] }).expect(201);
    const incident = (
      await api()
        .post(`/api/v1/ai-systems/${a.aiSystemId}/incidents`)
        .set(bearer(vendor))
        .send({ type: 'outage', severity: 'medium', detectedAt: '2026-10-02T08:00:00Z', description: 'Scoring API down for two hours' })
        .expect(201)
    ).body;

    const got = await waitFor('both events', () => receiver.on('/after-approval').length >= 2 && receiver.on('/after-approval'));
    expect(got.every((r) => r.verified)).toBe(true);
    const byType = new Map(got.map((r) => [typeOf(r), JSON.parse(r.body).data]));
    expect([...byType.keys()].sort()).toEqual(['incident.reported', 'monitoring.red']);
    expect(byType.get('monitoring.red')).toMatchObject({ aiSystemId: a.aiSystemId, metric: 'psi_score', period: '2026-09', value: 0.4 });
    expect(byType.get('incident.reported')).toMatchObject({ incidentId: incident.id, aiSystemId: a.aiSystemId, type: 'outage', severity: 'medium', reportedByVendor: true });
    await api().delete(`/api/v1/webhooks/${hook.id}`).set(bearer(t.adminToken)).expect(204);
  });

  it('sends again, with the same webhook-id, an attempt whose worker died mid-send', async () => {
    const hook = await register('/crash', ['finding.opened']);
    const a = await reviewedAssessment(t, buyer);
    await api().post(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(buyer.riskManager)).send({ title: 'Delivered twice', severity: 'low' }).expect(201);
    const first = await waitFor('the first delivery', async () => (await deliveries(hook.id)).find((d) => d.status === 'succeeded'));
    // As a worker killed between sending and recording leaves it.
    await t.db.query(`UPDATE webhook_deliveries SET status = 'delivering', attempted_at = now() - interval '1 hour' WHERE id = $1`, [first.id]);
    expect((await sweep(t)).recovered).toEqual({ webhook_delivery_requeued: 1 });
    const copies = await waitFor('the delivery sent again', () => receiver.on('/crash').length >= 2 && receiver.on('/crash'));
    expect(copies.map((r) => [r.headers['webhook-id'], r.verified])).toEqual([
      [first.id, true],
      [first.id, true],
    ]);
    await waitFor('the log to show it', async () => (await deliveries(hook.id)).find((d) => d.id === first.id && d.status === 'succeeded' && d.attempts === 2));
    expect((await sweep(t)).recovered).toEqual({});
    await api().delete(`/api/v1/webhooks/${hook.id}`).set(bearer(t.adminToken)).expect(204);
  });

  it('refuses private, loopback and link-local targets at creation and again at delivery without WEBHOOK_ALLOW_PRIVATE', async () => {
    const config = t.app.get<WebhooksConfig>(WEBHOOKS_CONFIG);
    const allowed = await register('/later-refused', ['finding.opened']);
    const secure = await api().post('/api/v1/webhooks').set(bearer(t.adminToken)).send({ url: `${base.replace('http:', 'https:')}/tls`, events: ['finding.opened'] }).expect(201);
    config.allowPrivate = false;
    try {
      for (const url of ['https://127.0.0.1/hook', 'https://10.1.2.3/hook', 'https://169.254.169.254/latest', 'https://[::1]/hook', 'https://[::ffff:127.0.0.1]/hook', 'https://localhost/hook', 'http://grc.bank.example/hook']) {
        const problem = expectProblem(await api().post('/api/v1/webhooks').set(bearer(t.adminToken)).send({ url, events: ['finding.opened'] }), 422, 'webhook_url_refused');
        expect(fieldsOf(problem)).toEqual(['url']);
      }
      const before = receiver.received.length;
      const a = await reviewedAssessment(t, buyer);
      await api().post(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(buyer.riskManager)).send({ title: 'Refused on the way out', severity: 'low' }).expect(201);
      const [refused, loopback] = await waitFor('both refusals in the logs', async () => {
        const http = (await deliveries(allowed.id)).find((d) => d.lastError);
        const tls = (await deliveries(secure.body.id)).find((d) => d.lastError);
        return http && tls && [http, tls];
      });
      expect(refused).toMatchObject({ status: expect.not.stringMatching(/succeeded|failed/), lastStatusCode: null, lastError: 'refused: the URL must be an https URL' });
      expect(loopback).toMatchObject({ status: expect.not.stringMatching(/succeeded|failed/), lastStatusCode: null, lastError: 'refused: the URL points to 127.0.0.1, a loopback address' });
      expect(receiver.received.length).toBe(before);
    } finally {
      config.allowPrivate = true;
    }
    await api().delete(`/api/v1/webhooks/${allowed.id}`).set(bearer(t.adminToken)).expect(204);
    await api().delete(`/api/v1/webhooks/${secure.body.id}`).set(bearer(t.adminToken)).expect(204);
  });

  it('lets only the admin change webhooks and the auditor read them, and refuses bad input', async () => {
    const procurement = buyer.procurement;
    const body = { url: `${base}/roles`, events: ['finding.opened'] };
    expectProblem(await api().post('/api/v1/webhooks').set(bearer(procurement)).send(body), 403, 'forbidden');
    expectProblem(await api().post('/api/v1/webhooks').set(bearer(auditor)).send(body), 403, 'forbidden');
    expectProblem(await api().get('/api/v1/webhooks').set(bearer(buyer.riskManager)), 403, 'forbidden');
    const vendor = await signIn(t, Role.Vendor);
    expectProblem(await api().get('/api/v1/webhooks').set(bearer(vendor.token)), 403, 'forbidden');

    const bad = async (payload: object, fields: string[]) => expect(fieldsOf(expectProblem(await api().post('/api/v1/webhooks').set(bearer(t.adminToken)).send(payload), 400, 'validation_failed')).filter((f, i, all) => all.indexOf(f) === i)).toEqual(fields);
    await bad({ ...body, events: ['assessment.eaten'] }, ['events']);
    await bad({ ...body, events: [] }, ['events']);
    await bad({ events: ['finding.opened'] }, ['url']);
    await bad({ ...body, secret: 'whsec_mine' }, ['secret']);
    await bad({ ...body, url: 'not a url' }, ['url']);
    expectProblem(await api().delete('/api/v1/webhooks/not-an-id').set(bearer(t.adminToken)), 400, 'validation_failed');
    expectProblem(await api().get('/api/v1/webhooks/00000000-0000-4000-8000-000000000000/deliveries').set(bearer(auditor)), 404, 'not_found');

    const hook = await register('/roles', ['finding.opened']);
    expectProblem(await api().delete(`/api/v1/webhooks/${hook.id}`).set(bearer(auditor)), 403, 'forbidden');
    await api().delete(`/api/v1/webhooks/${hook.id}`).set(bearer(t.adminToken)).expect(204);
    expectProblem(await api().delete(`/api/v1/webhooks/${hook.id}`).set(bearer(t.adminToken)), 404, 'not_found');
    expect((await api().get('/api/v1/webhooks?limit=200').set(bearer(auditor)).expect(200)).body.items.map((w: { id: string }) => w.id)).not.toContain(hook.id);
    await api().get(`/api/v1/webhooks/${hook.id}/deliveries`).set(bearer(auditor)).expect(200);
  });
});
