import { Role } from '../../src/auth/roles.js';
import { Clock } from '../../src/common/clock.js';
import { buyers, CREDIT_INTAKE, draftAssessment, type Buyer, type DraftAssessment } from '../support/flows.js';
import { expectProblem } from '../support/problem.js';
import { approveInSql } from '../support/schedules.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

describe('vendor incidents and the deployer’s reporting clocks', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: DraftAssessment;
  let vendor: string;
  let otherVendor: string;
  let auditor: string;
  let now = new Date('2026-10-24T23:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ env: { INCIDENT_TIME_ZONE: 'Europe/Brussels' } });
    t.app.get(Clock).now = () => new Date(now);
    buyer = await buyers(t);
    a = await draftAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE });
    await approveInSql(t, a.assessmentId, '2028-01-01');
    vendor = (await signIn(t, Role.Vendor, { vendorId: a.vendorId })).token;
    otherVendor = (await signIn(t, Role.Vendor)).token;
    auditor = (await signIn(t, Role.Auditor)).token;
  });
  afterAll(() => t.stop());

  const report = (body: object, token = vendor, id = a.aiSystemId) => t.http().post(`/api/v1/ai-systems/${id}/incidents`).set(bearer(token)).send(body);
  const read = (id: string, token = buyer.riskManager) => t.http().get(`/api/v1/incidents/${id}`).set(bearer(token));
  const classify = (id: string, body: object, token = buyer.riskManager) => t.http().post(`/api/v1/incidents/${id}/classification`).set(bearer(token)).send(body);
  const notified = (id: string, body: object, token = buyer.riskManager) => t.http().post(`/api/v1/incidents/${id}/notifications`).set(bearer(token)).send(body);
  const count = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM incidents'))[0].n);
  const BREACH = { type: 'personal_data_breach', severity: 'medium', detectedAt: '2026-10-24T20:00:00Z', occurredAt: '2026-10-24T18:30:00+00:00', description: 'Applicant files were readable by another client tenant', evidence: ['ticket INC-4411'] };
  const due = (body: { deadlines: { regime: string; stage: string; dueAt: string; status: string }[] }) => body.deadlines.map((d) => `${d.regime}.${d.stage} ${d.dueAt} ${d.status}`);

  let breachId: string;

  it('takes a personal-data breach from the vendor and starts the GDPR clock when the organisation learns of it', async () => {
    const res = await report(BREACH).expect(201);
    breachId = res.body.id;
    expect(res.body).toMatchObject({ type: 'personal_data_breach', severity: 'medium', detectedAt: '2026-10-24T20:00:00.000Z', occurredAt: '2026-10-24T18:30:00.000Z', reportedByVendor: true, evidence: ['ticket INC-4411'] });
    expect(res.body).not.toHaveProperty('deadlines');
    expect(res.body).not.toHaveProperty('findingId');
    const staff = (await read(breachId).expect(200)).body;
    expect(staff).toMatchObject({ personalDataBreach: true, awareAt: '2026-10-24T23:00:00.000Z', reassessmentRequested: true, findingId: expect.any(String) });
    // 72 hours exactly, across the night the clocks go back.
    expect(due(staff)).toEqual(['gdpr.report 2026-10-27T23:00:00.000Z open']);
  });

  it('drafts a finding, tells the risk managers and reassesses', async () => {
    const [finding] = await t.db.query(`SELECT severity, status, source, assessment_id FROM findings WHERE ai_system_id = $1`, [a.aiSystemId]);
    expect(finding).toEqual({ severity: 'high', status: 'draft', source: 'incident', assessment_id: a.assessmentId });
    const mails = await t.db.query(`SELECT recipient FROM notifications WHERE kind = 'incident_reported'`);
    expect(mails.length).toBeGreaterThanOrEqual(1);
    const cycle = await waitFor('the incident reassessment', async () => {
      const [row] = await t.db.query(`SELECT trigger, trigger_note FROM assessments WHERE ai_system_id = $1 AND cycle = 2`, [a.aiSystemId]);
      return row;
    });
    expect(cycle).toEqual({ trigger: 'incident', trigger_note: `Incident ${breachId}: personal data breach, medium` });
  });

  it('computes every clock a classification brings, from awareness and classification', async () => {
    now = new Date('2026-10-25T02:00:00Z');
    const res = await classify(breachId, { majorIct: true, seriousIncident: 'death', personalDataBreach: true }).expect(200);
    expect(res.body.classifiedAt).toBe('2026-10-25T02:00:00.000Z');
    expect(due(res.body)).toEqual([
      'dora.initial 2026-10-25T06:00:00.000Z open',
      'gdpr.report 2026-10-27T23:00:00.000Z open',
      'dora.intermediate 2026-10-28T06:00:00.000Z open',
      // 01:00 summer time on 25 October; ten days on is 01:00 winter time on 4 November.
      'eu_ai_act.report 2026-11-04T00:00:00.000Z open',
      'dora.final 2026-11-28T06:00:00.000Z open',
    ]);
  });

  it('records a notification made and counts the next DORA report from it', async () => {
    now = new Date('2026-10-25T05:30:00Z');
    const res = await notified(breachId, { regime: 'dora', stage: 'initial', madeAt: '2026-10-25T05:00:00Z', reference: 'DNB-2026-118' }).expect(200);
    expect(due(res.body).slice(0, 3)).toEqual(['dora.initial 2026-10-25T06:00:00.000Z met', 'gdpr.report 2026-10-27T23:00:00.000Z open', 'dora.intermediate 2026-10-28T05:00:00.000Z open']);
    expect(res.body.notificationsMade).toEqual([{ regime: 'dora', stage: 'initial', madeAt: '2026-10-25T05:00:00.000Z', reference: 'DNB-2026-118' }]);
    expectProblem(await notified(breachId, { regime: 'dora', stage: 'initial', madeAt: '2026-10-25T05:10:00Z' }), 409, 'already_notified');
    expectProblem(await notified(breachId, { regime: 'gdpr', stage: 'initial', madeAt: '2026-10-25T05:10:00Z' }), 422, 'no_such_deadline');
    expectProblem(await notified(breachId, { regime: 'gdpr', stage: 'report', madeAt: '2026-10-26T05:10:00Z' }), 400, 'validation_failed');
  });

  it('opens nothing for a low-severity incident reported by staff, and keeps it from the vendor', async () => {
    const res = await report({ type: 'model_failure', severity: 'low', detectedAt: '2026-10-25T01:00:00Z', description: 'A batch of scores came back empty for an hour' }, buyer.procurement).expect(201);
    expect(res.body).toMatchObject({ reportedByVendor: false, deadlines: [], findingId: null, reassessmentRequested: false });
    expectProblem(await read(res.body.id, vendor), 404, 'not_found');
    const list = await t.http().get(`/api/v1/ai-systems/${a.aiSystemId}/incidents`).set(bearer(vendor)).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([breachId]);
    const staffList = await t.http().get(`/api/v1/ai-systems/${a.aiSystemId}/incidents`).set(bearer(auditor)).expect(200);
    expect(staffList.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id, breachId]);
  });

  describe('refusals change nothing', () => {
    let before: number;
    beforeEach(async () => {
      before = await count();
    });
    afterEach(async () => {
      expect(await count()).toBe(before);
    });

    it('answers another vendor 404 on every incident route', async () => {
      expectProblem(await report(BREACH, otherVendor), 404, 'not_found');
      expectProblem(await read(breachId, otherVendor), 404, 'not_found');
      expectProblem(await t.http().get(`/api/v1/ai-systems/${a.aiSystemId}/incidents`).set(bearer(otherVendor)), 404, 'not_found');
    });
    it('lets only a risk manager classify or record notifications, and the auditor report nothing', async () => {
      expectProblem(await classify(breachId, { majorIct: false, seriousIncident: null, personalDataBreach: true }, buyer.procurement), 403, 'forbidden');
      expectProblem(await classify(breachId, { majorIct: false, seriousIncident: null, personalDataBreach: true }, vendor), 403, 'forbidden');
      expectProblem(await notified(breachId, { regime: 'gdpr', stage: 'report', madeAt: '2026-10-25T05:10:00Z' }, auditor), 403, 'forbidden');
      expectProblem(await report(BREACH, auditor), 403, 'forbidden');
    });
    it.each([
      ['an unknown type', { ...BREACH, type: 'meteor' }],
      ['a detection in the future', { ...BREACH, detectedAt: '2026-10-26T00:00:00Z' }],
      ['an occurrence after detection', { ...BREACH, occurredAt: '2026-10-24T21:00:00Z' }],
      ['a time without a zone', { ...BREACH, detectedAt: '2026-10-24 20:00' }],
      ['a description too short', { ...BREACH, description: 'bad' }],
      ['an unknown field', { ...BREACH, notify: true }],
    ])('refuses %s with 400', async (_, body) => {
      expectProblem(await report(body), 400, 'validation_failed');
    });
    it('refuses a bad classification and an unknown incident', async () => {
      expectProblem(await classify(breachId, { majorIct: 'yes', seriousIncident: 'meteor', personalDataBreach: true }), 400, 'validation_failed');
      expectProblem(await classify(crypto.randomUUID(), { majorIct: false, seriousIncident: null, personalDataBreach: false }), 404, 'not_found');
      expectProblem(await report(BREACH, vendor, crypto.randomUUID()), 404, 'not_found');
    });
  });
});
