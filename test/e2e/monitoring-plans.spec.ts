import { Role } from '../../src/auth/roles.js';
import { buyers, draftAssessment, type Buyer, type DraftAssessment } from '../support/flows.js';
import { metric, riskPair } from '../support/monitoring.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

describe('monitoring plans', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: DraftAssessment;
  let pair: Awaited<ReturnType<typeof riskPair>>;
  let people: { ownerId: string; escalationContactId: string };
  let auditor: string;
  let vendor: string;
  let vendorUserId: string;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    a = await draftAssessment(t, buyer.procurement);
    pair = await riskPair(t);
    people = { ownerId: buyer.riskManagerId, escalationContactId: pair.approver.id };
    auditor = (await signIn(t, Role.Auditor)).token;
    const v = await signIn(t, Role.Vendor, { vendorId: a.vendorId });
    [vendor, vendorUserId] = [v.token, v.id];
  });
  afterAll(() => t.stop());

  const path = (id = a.aiSystemId) => `/api/v1/ai-systems/${id}/monitoring-plan`;
  const put = (body: object, token = pair.author.token, id?: string) => t.http().put(path(id)).set(bearer(token)).send(body);
  const approve = (version: number, token = pair.approver.token) => t.http().post(`${path()}/approve`).set(bearer(token)).send({ version });
  const versions = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM monitoring_plans WHERE ai_system_id = $1', [a.aiSystemId]))[0].n);
  const PLAN = () => ({ metrics: [metric('auc', { green: 0.75, amber: 0.7 }, people), metric('adverse_impact_ratio:age_band', { green: 0.8, amber: 0.7 }, people, { source: 'staff', cadence: 'quarterly' })] });

  describe('writing, approving and reading', () => {
    let first: number;

    it('writes a proposed version with the catalogue’s units and directions, audited', async () => {
      const res = await put(PLAN()).expect(200);
      first = res.body.version;
      expect(res.body).toMatchObject({ version: 1, status: 'proposed', submissionWindowDays: 15, authoredBy: pair.author.id, approvedBy: null, activeFrom: null });
      expect(res.body.metrics[1]).toMatchObject({ key: 'adverse_impact_ratio:age_band', family: 'fairness', unit: 'ratio', direction: 'higher_is_better', label: 'adverse impact ratio by age_band', cadence: 'quarterly', source: 'staff' });
      const [audit] = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [res.body.id]);
      expect(audit.action).toBe('monitoring_plan.proposed');
    });

    it('is not in force until approved', async () => {
      const res = await t.http().get(path()).set(bearer(auditor)).expect(200);
      expect(res.body).toMatchObject({ active: null, proposed: { version: first } });
    });

    it('refuses the author’s own approval: a second risk manager approves', async () => {
      expectProblem(await approve(first, pair.author.token), 409, 'four_eyes');
      expectProblem(await approve(first + 1), 409, 'plan_changed');
      const res = await approve(first).expect(200);
      expect(res.body).toMatchObject({ version: first, status: 'active', approvedBy: pair.approver.id, activeFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expectProblem(await approve(first), 409, 'no_proposed_plan');
    });

    it('keeps the version in force while a new one waits, and withdraws a proposal replaced before approval', async () => {
      await put({ ...PLAN(), submissionWindowDays: 10 }).expect(200);
      const third = await put({ ...PLAN(), submissionWindowDays: 20 }).expect(200);
      const res = await t.http().get(path()).set(bearer(buyer.procurement)).expect(200);
      expect(res.body.active.version).toBe(first);
      expect(res.body.proposed).toMatchObject({ version: third.body.version, submissionWindowDays: 20 });
      const statuses = await t.db.query('SELECT version, status FROM monitoring_plans WHERE ai_system_id = $1 ORDER BY version', [a.aiSystemId]);
      expect(statuses).toEqual([{ version: 1, status: 'active' }, { version: 2, status: 'withdrawn' }, { version: 3, status: 'proposed' }]);
    });
  });

  describe('refusals', () => {
    it.each([
      ['an unknown key', { key: 'aucc' }, 'metrics[0].key'],
      ['a key that needs a name', { key: 'psi_feature' }, 'metrics[0].key'],
      ['thresholds the wrong way round', { thresholds: { green: 0.7, amber: 0.75 } }, 'metrics[0].thresholds'],
      ['a custom key without unit or direction', { key: 'custom:manual_overrides' }, 'metrics[0].unit'],
      ['a turned-round catalogue direction', { direction: 'lower_is_better' }, 'metrics[0].direction'],
      ['an operations metric from a sample', { key: 'availability', thresholds: { green: 99.5, amber: 99 }, source: 'sample' }, 'metrics[0].source'],
      ['a threshold that is not a number', { thresholds: { green: '0.7', amber: 0.6 } }, 'metrics.0.thresholds.green'],
      ['an unknown cadence', { cadence: 'weekly' }, 'metrics.0.cadence'],
    ])('refuses %s with 400 and writes nothing', async (_, change, field) => {
      const before = await versions();
      const problem = expectProblem(await put({ metrics: [{ ...metric('auc', { green: 0.75, amber: 0.7 }, people), ...change }] }), 400, 'validation_failed');
      expect(fieldsOf(problem).some((f) => f.startsWith(field.split('.')[0]) && f.includes(field.split('.').at(-1)!))).toBe(true);
      expect(await versions()).toBe(before);
    });

    it('refuses an empty plan, two metrics with one key, and an unknown field', async () => {
      const before = await versions();
      expectProblem(await put({ metrics: [] }), 400, 'validation_failed');
      expectProblem(await put({ metrics: [metric('auc', { green: 0.75, amber: 0.7 }, people), metric('auc', { green: 0.8, amber: 0.7 }, people)] }), 400, 'validation_failed');
      expectProblem(await put({ ...PLAN(), colour: 'red' }), 400, 'validation_failed');
      expect(await versions()).toBe(before);
    });

    it('refuses a vendor user or a stranger as owner (422)', async () => {
      const before = await versions();
      expectProblem(await put({ metrics: [metric('auc', { green: 0.75, amber: 0.7 }, { ...people, ownerId: vendorUserId })] }), 422, 'unknown_reference');
      expectProblem(await put({ metrics: [metric('auc', { green: 0.75, amber: 0.7 }, { ...people, escalationContactId: crypto.randomUUID() })] }), 422, 'unknown_reference');
      expect(await versions()).toBe(before);
    });

    it('lets only risk managers write and approve, and keeps the vendor out', async () => {
      expectProblem(await put(PLAN(), buyer.procurement), 403, 'forbidden');
      expectProblem(await put(PLAN(), auditor), 403, 'forbidden');
      expectProblem(await approve(1, auditor), 403, 'forbidden');
      expectProblem(await t.http().get(path()).set(bearer(vendor)), 403, 'forbidden');
    });

    it('answers 404 for an unknown AI system and 400 for a malformed id', async () => {
      expectProblem(await put(PLAN(), pair.author.token, crypto.randomUUID()), 404, 'not_found');
      expectProblem(await t.http().get(path(crypto.randomUUID())).set(bearer(auditor)), 404, 'not_found');
      expectProblem(await t.http().get('/api/v1/ai-systems/nope/monitoring-plan').set(bearer(auditor)), 400, 'validation_failed');
    });
  });

  describe('the proposed starting plan', () => {
    it('proposes performance, stability and operations metrics owned by the caller, which a PUT accepts as they are', async () => {
      const res = await t.http().get(`${path()}/proposal`).set(bearer(pair.author.token)).expect(200);
      expect(res.body.metrics.map((m: { key: string }) => m.key)).toEqual(['auc', 'psi_score', 'availability', 'error_rate', 'incidents']);
      expect(res.body.metrics[0]).toMatchObject({ source: 'vendor', thresholds: { green: 0.75, amber: 0.7 }, ownerId: pair.author.id, cadence: 'annual' });
      expect(res.body.reasons[0]).toBe('low tier: figures annual');
      const body = { metrics: res.body.metrics.map(({ key, thresholds, cadence, source, ownerId, escalationContactId }: Record<string, unknown>) => ({ key, thresholds, cadence, source, ownerId, escalationContactId })) };
      await put(body).expect(200);
      expectProblem(await t.http().get(`${path()}/proposal`).set(bearer(vendor)), 403, 'forbidden');
    });
  });
});
