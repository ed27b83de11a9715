import { Role } from '../../src/auth/roles.js';
import { addDays, isoDate } from '../../src/domain/schedule.js';
import { job, JobName, QueueName } from '../../src/queue/jobs.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { controlClock, type TestClock } from '../support/clock.js';
import { buyers, draftAssessment, PLAIN_INTAKE, submittedAssessment, type Buyer } from '../support/flows.js';
import { approveInSql, daysFromNow, sweep } from '../support/schedules.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

interface Cycle {
  id: string;
  cycle: number;
  status: string;
  trigger: string;
  trigger_note: string | null;
  due_date: string;
  created_by: string | null;
}

describe('reassessment: on schedule, on request and on a model change', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let buyer: Buyer;
  let clock: TestClock;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
    buyer = await buyers(t);
    clock = controlClock(t);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });
  afterEach(() => clock.setDay(isoDate(new Date())));

  const cycles = (aiSystemId: string): Promise<Cycle[]> =>
    t.db.query(`SELECT id, cycle, status, trigger, trigger_note, due_date::text AS due_date, created_by FROM assessments WHERE ai_system_id = $1 ORDER BY cycle`, [aiSystemId]);
  const emailOf = async (userId: string): Promise<string> => (await t.db.query('SELECT email FROM users WHERE id = $1', [userId]))[0].email;

  /** An AI system with one decided cycle, approved until `validUntil`. */
  async function approvedSystem(validUntil: string, autoSend = false) {
    const draft = await draftAssessment(t, buyer.procurement);
    await approveInSql(t, draft.assessmentId, validUntil);
    if (autoSend) await t.http().patch(`/api/v1/ai-systems/${draft.aiSystemId}`).set(bearer(buyer.procurement)).send({ autoSend: true }).expect(200);
    return draft;
  }

  it('opens a scheduled cycle 45 days before the approval ends, once, and an auto-send system mails it to the contacts', async () => {
    const validUntil = daysFromNow(200);
    const draft = await approvedSystem(validUntil, true);

    clock.setDay(addDays(validUntil, -46));
    expect((await sweep(t)).reassessmentsDue).toBe(0);
    clock.setDay(addDays(validUntil, -45));
    expect((await sweep(t)).reassessmentsDue).toBeGreaterThanOrEqual(1);

    const [, next] = await waitFor('the scheduled cycle, sent', async () => {
      const found = await cycles(draft.aiSystemId);
      return found[1]?.status === 'sent' ? found : undefined;
    });
    expect(next).toMatchObject({ cycle: 2, trigger: 'scheduled', due_date: validUntil, created_by: null });
    const invitation = await smtp.waitForMail((mail) => mail.envelopeTo.includes(draft.contactEmail));
    expect(invitation.subject).toBe('AI due-diligence questionnaire for Scorer');
    expect(invitation.text).toMatch(/#token=[A-Za-z0-9_-]{43}/);

    for (const day of [-45, -44, -10]) {
      clock.setDay(addDays(validUntil, day));
      await sweep(t);
    }
    await t.app.get(QueueService).queue(QueueName.Schedules).add(JobName.CreateReassessment, { aiSystemId: draft.aiSystemId, reason: 'scheduled' }, { jobId: 'scheduled-again' });
    await waitFor('the repeated job to finish', async () => (await t.app.get(QueueService).queue(QueueName.Schedules).getJob('scheduled-again'))?.finishedOn);
    expect((await cycles(draft.aiSystemId)).map((c) => c.cycle)).toEqual([1, 2]);
  });

  it('leaves the cycle as a draft for procurement when the AI system does not auto-send, and tells the requester', async () => {
    const validUntil = daysFromNow(20);
    const draft = await approvedSystem(validUntil);
    clock.setDay(daysFromNow(1));
    await sweep(t);

    const [, next] = await waitFor('the scheduled draft', async () => {
      const found = await cycles(draft.aiSystemId);
      return found.length === 2 ? found : undefined;
    });
    // Fewer than 30 days would be left before the approval ends, so the vendor gets 30.
    expect(next).toMatchObject({ status: 'draft', trigger: 'scheduled', due_date: addDays(daysFromNow(1), 30) });
    const requester = await emailOf(buyer.procurementId);
    const ready = await smtp.waitForMail((mail) => mail.envelopeTo.includes(requester) && mail.subject.startsWith('Reassessment ready to send'));
    expect(ready.text).toContain(`/assessments/${next.id}`);
    const contactIds = (await t.http().get(`/api/v1/assessments/${next.id}`).set(bearer(buyer.procurement)).expect(200)).body.contactIds;
    expect(contactIds).toEqual([draft.contactId]);

    // Procurement cancels it: the schedule does not open another for the same approval.
    await t.http().post(`/api/v1/assessments/${next.id}/cancel`).set(bearer(buyer.procurement)).send({ reason: 'Not needed this year' }).expect(200);
    await sweep(t);
    expect((await sweep(t)).reassessmentsDue).toBe(0);
  });

  it('POST /reassess opens a cycle now for procurement and risk managers, once, and audits why', async () => {
    const draft = await approvedSystem(daysFromNow(300));
    const path = `/api/v1/ai-systems/${draft.aiSystemId}/reassess`;
    const auditor = await signIn(t, Role.Auditor);
    const vendor = await signIn(t, Role.Vendor, { vendorId: draft.vendorId });
    await t.http().post(path).set(bearer(auditor.token)).send({ reason: 'incident' }).expect(403);
    await t.http().post(path).set(bearer(vendor.token)).send({ reason: 'incident' }).expect(403);
    await t.http().post(path).set(bearer(buyer.riskManager)).send({ reason: 'because' }).expect(400);

    const created = await t.http().post(path).set(bearer(buyer.riskManager)).set('idempotency-key', `reassess-${draft.aiSystemId}`).send({ reason: 'incident', note: 'Data leak reported by the vendor' }).expect(201);
    expect(created.body).toMatchObject({ aiSystemId: draft.aiSystemId, cycle: 2, status: 'draft', dueDate: daysFromNow(30), contactIds: [draft.contactId] });
    const replay = await t.http().post(path).set(bearer(buyer.riskManager)).set('idempotency-key', `reassess-${draft.aiSystemId}`).send({ reason: 'incident', note: 'Data leak reported by the vendor' }).expect(201);
    expect(replay.body.id).toBe(created.body.id);

    const again = await t.http().post(path).set(bearer(buyer.procurement)).send({ reason: 'scope_change' }).expect(409);
    expect(again.body).toMatchObject({ code: 'open_cycle_exists', assessmentId: created.body.id, currentState: 'draft' });
    expect((await cycles(draft.aiSystemId)).map((c) => [c.cycle, c.trigger, c.trigger_note])).toEqual([
      [1, 'initial', null],
      [2, 'incident', 'Data leak reported by the vendor'],
    ]);
    const [event] = await t.db.query(`SELECT actor_id, changes FROM audit_events WHERE entity_id = $1 AND action = 'assessment.created'`, [created.body.id]);
    expect(event).toMatchObject({ actor_id: buyer.riskManagerId, changes: { trigger: { before: null, after: 'incident' }, cycle: { before: null, after: 2 } } });

    const vendorId = (await t.http().post('/api/v1/vendors').set(bearer(buyer.procurement)).send({ legalName: 'No Intake Ltd', country: 'GB' }).expect(201)).body.id;
    const bare = (await t.http().post(`/api/v1/vendors/${vendorId}/ai-systems`).set(bearer(buyer.procurement)).send({ name: 'Bare', version: '1', modelType: 'other', hosting: 'vendor_saas' }).expect(201)).body;
    const missing = await t.http().post(`/api/v1/ai-systems/${bare.id}/reassess`).set(bearer(buyer.procurement)).send({ reason: 'other' }).expect(422);
    expect(missing.body.code).toBe('intake_missing');
    await t.http().post(`/api/v1/ai-systems/${crypto.randomUUID()}/reassess`).set(bearer(buyer.procurement)).send({ reason: 'other' }).expect(404);
  });

  it('opens a model_change cycle when the version of a decided AI system changes, and not before a decision', async () => {
    const decided = await approvedSystem(daysFromNow(300));
    await t.http().patch(`/api/v1/ai-systems/${decided.aiSystemId}`).set(bearer(buyer.procurement)).send({ version: '2.0' }).expect(200);
    const [, next] = await waitFor('the model_change cycle', async () => {
      const found = await cycles(decided.aiSystemId);
      return found.length === 2 ? found : undefined;
    });
    expect(next).toMatchObject({ status: 'draft', trigger: 'model_change', trigger_note: 'Version 1.0 -> 2.0', due_date: daysFromNow(30) });

    const undecided = await draftAssessment(t, buyer.procurement, { intake: PLAIN_INTAKE });
    const patched = await t.http().patch(`/api/v1/ai-systems/${undecided.aiSystemId}`).set(bearer(buyer.procurement)).send({ version: '1.1' }).expect(200);
    // The job is named after the AI system's row version, which the ETag carries.
    const rowVersion = JSON.parse(patched.headers.etag) as string;
    const jobId = job(JobName.CreateReassessment, { aiSystemId: undecided.aiSystemId, reason: 'model_change' }, `${undecided.aiSystemId}.v${rowVersion}`).jobId;
    const finished = await waitFor('the model_change job', async () => {
      const found = await t.app.get(QueueService).queue(QueueName.Schedules).getJob(jobId);
      return found?.finishedOn ? found : undefined;
    });
    expect(finished.returnvalue).toBe('never decided');
    expect((await cycles(undecided.aiSystemId)).map((c) => c.trigger)).toEqual(['initial']);
  });

  it('shows an approval past its date without a new decision as expired in the inventory', async () => {
    const draft = await approvedSystem(daysFromNow(-1));
    const system = await t.http().get(`/api/v1/ai-systems/${draft.aiSystemId}`).set(bearer(buyer.procurement)).expect(200);
    expect(system.body.approval).toMatchObject({ status: 'expired', validUntil: daysFromNow(-1) });
    const expired = await t.http().get('/api/v1/inventory?status=expired&limit=200').set(bearer(buyer.procurement)).expect(200);
    expect(expired.body.items.map((item: { id: string }) => item.id)).toContain(draft.aiSystemId);

    await t.db.query('UPDATE ai_systems SET approval_valid_until = $2 WHERE id = $1', [draft.aiSystemId, daysFromNow(0)]);
    const lastDay = await t.http().get(`/api/v1/ai-systems/${draft.aiSystemId}`).set(bearer(buyer.procurement)).expect(200);
    expect(lastDay.body.approval.status).toBe('approved');
  });
});

describe('after a decision made through the review API', () => {
  let t: TestApp;
  let buyer: Buyer;

  // Without SMTP_URL the mail goes to DATA_DIR, where the flow helpers read the invitation.
  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
  });
  afterAll(() => t.stop());

  it('opens the scheduled cycle 45 days before the decided valid-until, and reopens a finding whose acceptance lapsed', async () => {
    const a = await submittedAssessment(t, buyer.procurement, { intake: PLAIN_INTAKE });
    const api = () => t.http();
    await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
    const finding = await api().post(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(buyer.riskManager)).send({ title: 'No DPA signed', severity: 'high', questionIds: [] }).expect(201);
    await t.db.query(`UPDATE findings SET status = 'dismissed' WHERE assessment_id = $1 AND id <> $2`, [a.assessmentId, finding.body.id]);
    // A high finding's risk is accepted by two different risk managers.
    const secondRisk = await signIn(t, Role.RiskManager);
    for (const token of [buyer.riskManager, secondRisk.token]) {
      await api().post(`/api/v1/findings/${finding.body.id}/risk-acceptance`).set(bearer(token)).send({ rationale: 'DPA expected soon', expiresAt: daysFromNow(60) }).expect(201);
    }
    await api().post(`/api/v1/assessments/${a.assessmentId}/decision`).set(bearer(buyer.riskManager)).send({ outcome: 'approved', rationale: 'Fine for internal use' }).expect(200);
    const validUntil: string = (await api().get(`/api/v1/ai-systems/${a.aiSystemId}`).set(bearer(buyer.procurement)).expect(200)).body.approval.validUntil;
    expect(validUntil > daysFromNow(100)).toBe(true);

    const clock = controlClock(t, addDays(validUntil, -46));
    expect((await sweep(t)).reassessmentsDue).toBe(0);
    clock.setDay(addDays(validUntil, -45));
    expect((await sweep(t)).reassessmentsDue).toBe(1);
    const next = await waitFor('the scheduled cycle', async () => {
      const rows: { cycle: number; trigger: string; status: string }[] = await t.db.query('SELECT cycle, trigger, status FROM assessments WHERE ai_system_id = $1 AND cycle = 2', [a.aiSystemId]);
      return rows[0];
    });
    expect(next).toEqual({ cycle: 2, trigger: 'scheduled', status: 'draft' });

    const findings = await api().get(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(buyer.riskManager)).expect(200);
    expect(findings.body.items.find((f: { id: string }) => f.id === finding.body.id)).toMatchObject({ status: 'open' });
    clock.restore();
  });
});
