import { Role } from '../../src/auth/roles.js';
import { ReassessmentsService } from '../../src/schedules/reassessments.service.js';
import { buyers, CREDIT_INTAKE, draftAssessment, type Buyer, type DraftAssessment } from '../support/flows.js';
import { activePlan, metric, riskPair } from '../support/monitoring.js';
import { expectProblem } from '../support/problem.js';
import { approveInSql } from '../support/schedules.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

describe('monitoring submissions and what a colour does', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: DraftAssessment;
  let pair: Awaited<ReturnType<typeof riskPair>>;
  let owner: { id: string; email: string };
  let escalation: { id: string; email: string };
  let vendor: string;
  let otherVendor: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    a = await draftAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE });
    await approveInSql(t, a.assessmentId, '2028-01-01');
    pair = await riskPair(t);
    owner = await signIn(t, Role.RiskManager);
    escalation = await signIn(t, Role.Procurement);
    vendor = (await signIn(t, Role.Vendor, { vendorId: a.vendorId })).token;
    otherVendor = (await signIn(t, Role.Vendor)).token;
    auditor = (await signIn(t, Role.Auditor)).token;
    const people = { ownerId: owner.id, escalationContactId: escalation.id };
    await activePlan(t, a.aiSystemId, pair, [
      metric('auc', { green: 0.75, amber: 0.7 }, people),
      metric('accuracy', { green: 0.9, amber: 0.85 }, people),
      metric('availability', { green: 99.5, amber: 99 }, people),
      metric('psi_score', { green: 0.1, amber: 0.25 }, people, { source: 'staff' }),
      metric('adverse_impact_ratio:age', { green: 0.8, amber: 0.7 }, people, { source: 'sample' }),
    ]);
  });
  afterAll(() => t.stop());

  const submit = (body: object, token = vendor, id = a.aiSystemId) => t.http().post(`/api/v1/ai-systems/${id}/monitoring-submissions`).set(bearer(token)).send(body);
  const readings = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM monitoring_readings'))[0].n);
  const mails = (kind: string, email: string) => t.db.query('SELECT dedupe_key FROM notifications WHERE kind = $1 AND recipient = $2', [kind, email]);
  const findings = () => t.db.query(`SELECT id, severity, status, assessment_id FROM findings WHERE ai_system_id = $1 AND source = 'monitoring' ORDER BY created_at`, [a.aiSystemId]);
  const openCycles = async () => (await t.db.query(`SELECT id, trigger, cycle FROM assessments WHERE ai_system_id = $1 AND status NOT IN ('approved', 'approved_with_conditions', 'rejected', 'cancelled')`, [a.aiSystemId])) as { id: string; trigger: string }[];

  it('is a high-tier AI system', async () => {
    const [row] = await t.db.query('SELECT inherent_tier FROM ai_systems WHERE id = $1', [a.aiSystemId]);
    expect(row.inherent_tier).toBe('high');
  });

  it('rates the vendor’s figures against the plan in force, with the reasoning in words', async () => {
    const res = await submit({ period: '2026-09', values: [{ metric: 'auc', value: 0.78 }] }).expect(201);
    expect(res.body).toMatchObject({ period: '2026-09', planVersion: 1, source: 'vendor', findingIds: [], reassessmentRequested: false });
    expect(res.body.readings).toEqual([
      { metric: 'auc', value: 0.78, rating: 'green', reasoning: 'AUC 0.78 is at or above the green threshold 0.75: green', thresholds: { green: 0.75, amber: 0.7 }, direction: 'higher_is_better', actions: [] },
    ]);
  });

  it('tells the owner of a first amber, and opens nothing', async () => {
    const res = await submit({ period: '2026-10', values: [{ metric: 'auc', value: 0.72 }] }).expect(201);
    expect(res.body.readings[0]).toMatchObject({ rating: 'amber', actions: ['amber: the owner is told'] });
    expect(await mails('monitoring_rating', owner.email)).toHaveLength(1);
    expect(await findings()).toEqual([]);
  });

  it('drafts a finding on the decided assessment after two ambers in a row, and tells the escalation contact', async () => {
    const res = await submit({ period: '2026-11', values: [{ metric: 'auc', value: 0.7 }] }).expect(201);
    expect(res.body.readings[0].rating).toBe('amber');
    expect(res.body.findingIds).toEqual([]); // a vendor never sees what was opened
    const drafted = await findings();
    expect(drafted).toEqual([{ id: expect.any(String), severity: 'high', status: 'draft', assessment_id: a.assessmentId }]);
    expect(await mails('monitoring_escalation', escalation.email)).toHaveLength(1);
    expect(await mails('monitoring_rating', owner.email)).toHaveLength(2);
  });

  it('drafts a finding for a red operations figure without reassessing', async () => {
    const res = await submit({ period: '2026-11', values: [{ metric: 'availability', value: 98.2 }] }, vendor).expect(201);
    expect(res.body.readings[0]).toMatchObject({ rating: 'red', reasoning: 'availability 98.2 is below the amber threshold 99: red' });
    expect(await findings()).toHaveLength(2);
    expect(await openCycles()).toEqual([]);
  });

  it('lets staff enter the staff-sourced figures', async () => {
    const res = await submit({ period: '2026-11', values: [{ metric: 'psi_score', value: 0.1 }] }, buyer.procurement).expect(201);
    expect(res.body.readings[0]).toMatchObject({ metric: 'psi_score', rating: 'green', reasoning: 'PSI of the score 0.1 is at or below the green threshold 0.1: green' });
  });

  it('reassesses on a red performance figure of a high tier, and never opens a second cycle', async () => {
    const res = await submit({ period: '2026-11', values: [{ metric: 'accuracy', value: 0.8 }] }, buyer.riskManager).expect(422);
    expect(res.body.code).toBe('not_in_plan'); // a vendor-sourced metric comes from the vendor
    const red = await submit({ period: '2026-11', values: [{ metric: 'accuracy', value: 0.8 }] }).expect(201);
    expect(red.body.readings[0].actions).toContain('red on a performance metric of a high tier AI system: a reassessment');
    const [opened] = await waitFor('the monitoring reassessment', async () => {
      const open = await openCycles();
      return open.length > 0 && open;
    });
    expect(opened.trigger).toBe('monitoring_red');
    const [{ trigger_note: note }] = await t.db.query('SELECT trigger_note FROM assessments WHERE id = $1', [opened.id]);
    expect(note).toBe('Red monitoring result for 2026-11: accuracy');

    await submit({ period: '2026-08', values: [{ metric: 'accuracy', value: 0.5 }] }).expect(201);
    // The open draft is the one the first red opened: the job finishes that one, it opens none.
    expect(await t.app.get(ReassessmentsService).eventTriggered(a.aiSystemId, 'monitoring_red', 'again')).not.toBe('created');
    expect(await t.app.get(ReassessmentsService).eventTriggered(a.aiSystemId, 'incident', 'again')).toBe('skipped: open_cycle_exists');
    expect(await openCycles()).toHaveLength(1);
  });

  it('takes the sample metrics from a finished validation run, submitted by a risk manager', async () => {
    const [run] = await t.db.query(
      `INSERT INTO validation_runs (ai_system_id, kind, status, mapping, input_sha256, input_size, input_name, results)
       VALUES ($1, 'classification', 'done', '{}', repeat('b', 64), 10, 'holdout.csv', $2) RETURNING id`,
      [a.aiSystemId, JSON.stringify({ performance: { auc: 0.8 }, fairness: [{ column: 'age', adverseImpactRatio: 0.65 }] })],
    );
    expectProblem(await submit({ period: '2026-11', validationRunId: run.id }, vendor), 422, 'sample_by_risk_manager');
    const res = await submit({ period: '2026-11', validationRunId: run.id }, buyer.riskManager).expect(201);
    expect(res.body).toMatchObject({ source: 'sample', validationRunId: run.id, reassessmentRequested: true, findingIds: [expect.any(String)] });
    expect(res.body.readings).toEqual([expect.objectContaining({ metric: 'adverse_impact_ratio:age', value: 0.65, rating: 'red' })]);
    expect(await openCycles()).toHaveLength(1);
  });

  it('shows each metric’s series with the thresholds in force and the worst current colour', async () => {
    const res = await t.http().get(`/api/v1/ai-systems/${a.aiSystemId}/monitoring`).set(bearer(auditor)).expect(200);
    expect(res.body).toMatchObject({ aiSystemId: a.aiSystemId, planVersion: 1, worstCurrent: 'red', lastSubmissionAt: expect.any(String) });
    const auc = res.body.metrics.find((m: { key: string }) => m.key === 'auc');
    expect(auc).toMatchObject({ inPlan: true, current: 'amber', thresholds: { green: 0.75, amber: 0.7 }, cadence: 'monthly' });
    expect(auc.series.map((p: { period: string; value: number; rating: string }) => [p.period, p.value, p.rating])).toEqual([
      ['2026-09', 0.78, 'green'],
      ['2026-10', 0.72, 'amber'],
      ['2026-11', 0.7, 'amber'],
    ]);
    expect(auc.series[0]).toMatchObject({ thresholds: { green: 0.75, amber: 0.7 }, planVersion: 1, periodEnd: '2026-09-30' });
    expectProblem(await t.http().get(`/api/v1/ai-systems/${a.aiSystemId}/monitoring`).set(bearer(vendor)), 403, 'forbidden');
  });

  describe('refusals change nothing', () => {
    let before: number;
    beforeEach(async () => {
      before = await readings();
    });
    afterEach(async () => {
      expect(await readings()).toBe(before);
    });

    it('answers another vendor 404', async () => {
      expectProblem(await submit({ period: '2026-11', values: [{ metric: 'error_rate', value: 0 }] }, otherVendor), 404, 'not_found');
    });
    it('refuses the auditor and the admin', async () => {
      expectProblem(await submit({ period: '2026-07', values: [{ metric: 'auc', value: 0.8 }] }, auditor), 403, 'forbidden');
      expectProblem(await submit({ period: '2026-07', values: [{ metric: 'auc', value: 0.8 }] }, t.adminToken), 403, 'forbidden');
    });
    it('refuses a staff-sourced figure from the vendor and a metric not in the plan', async () => {
      const problem = expectProblem(await submit({ period: '2026-07', values: [{ metric: 'psi_score', value: 0.1 }, { metric: 'gini', value: 0.5 }] }), 422, 'not_in_plan');
      expect(problem.errors?.map((e) => e.field)).toEqual(['values[0].metric', 'values[1].metric']);
    });
    it('refuses a quarterly period for monthly metrics', async () => {
      expectProblem(await submit({ period: '2026-Q2', values: [{ metric: 'auc', value: 0.8 }] }), 422, 'not_in_plan');
    });
    it('refuses a second figure for a period', async () => {
      expectProblem(await submit({ period: '2026-09', values: [{ metric: 'auc', value: 0.9 }] }), 409, 'already_submitted');
    });
    it.each([
      ['a period that names none', { period: '2026-13', values: [{ metric: 'auc', value: 0.8 }] }, 400],
      ['a value that is not a number', { period: '2026-07', values: [{ metric: 'auc', value: 'high' }] }, 400],
      ['neither values nor a run', { period: '2026-07' }, 400],
      ['both values and a run', { period: '2026-07', values: [{ metric: 'auc', value: 0.8 }], validationRunId: crypto.randomUUID() }, 400],
      ['an unknown field', { period: '2026-07', values: [{ metric: 'auc', value: 0.8 }], note: 'x' }, 400],
      ['a period that has not begun', { period: '2099-01', values: [{ metric: 'auc', value: 0.8 }] }, 422],
    ])('refuses %s', async (_, body, status) => {
      expect((await submit(body)).status).toBe(status);
    });
    it('refuses a run of another AI system or an unfinished one', async () => {
      expectProblem(await submit({ period: '2026-07', validationRunId: crypto.randomUUID() }, buyer.riskManager), 422, 'unknown_reference');
    });
    it('refuses figures for an AI system without a plan in force', async () => {
      const other = await draftAssessment(t, buyer.procurement);
      expectProblem(await submit({ period: '2026-07', values: [{ metric: 'auc', value: 0.8 }] }, buyer.riskManager, other.aiSystemId), 409, 'no_active_plan');
    });
  });
});
