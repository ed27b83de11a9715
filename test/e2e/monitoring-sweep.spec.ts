import { Role } from '../../src/auth/roles.js';
import { Clock } from '../../src/common/clock.js';
import { buyers, draftAssessment, type Buyer, type DraftAssessment } from '../support/flows.js';
import { activePlan, metric, riskPair } from '../support/monitoring.js';
import { noticeKeys, sweep } from '../support/schedules.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

describe('the sweep chases monitoring figures and incident deadlines', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: DraftAssessment;
  let owner: { id: string; email: string };
  let escalation: { id: string; email: string };
  let vendor: string;
  let now: Date;
  const at = (iso: string) => (now = new Date(iso));
  const day = (date: string) => at(`${date}T12:00:00Z`);

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(Clock).now = () => new Date(now);
    day('2031-01-10');
    buyer = await buyers(t);
    a = await draftAssessment(t, buyer.procurement, { dueDate: '2031-03-15' });
    owner = await signIn(t, Role.RiskManager);
    escalation = await signIn(t, Role.RiskManager);
    vendor = (await signIn(t, Role.Vendor, { vendorId: a.vendorId })).token;
    const people = { ownerId: owner.id, escalationContactId: escalation.id };
    // In force from 10 January 2031: January's figures are due on 15 February.
    await activePlan(t, a.aiSystemId, await riskPair(t), [metric('auc', { green: 0.75, amber: 0.7 }, people), metric('psi_score', { green: 0.1, amber: 0.25 }, people, { source: 'staff' })]);
  });
  afterAll(() => t.stop());

  const reminderKeys = async () => (await noticeKeys(t, 'monitoring_reminder:')).sort();
  const S = () => a.aiSystemId;

  it('sends nothing before the first reminder is due', async () => {
    day('2031-02-07');
    await sweep(t);
    expect(await reminderKeys()).toEqual([]);
  });

  it('reminds the vendor’s contacts and the staff owner at T-7, once however often it runs', async () => {
    day('2031-02-08');
    const first = await sweep(t);
    expect(first.queued.monitoring_reminder).toBe(2);
    expect(await reminderKeys()).toEqual([`monitoring_reminder:T-7:${S()}:2031-01:${a.contactEmail}`, `monitoring_reminder:T-7:${S()}:2031-01:${owner.id}`].sort());
    const again = await sweep(t);
    expect(again.queued.monitoring_reminder).toBeUndefined();
    const [mail] = await t.db.query(`SELECT subject, text_body FROM notifications WHERE recipient = $1 AND kind = 'monitoring_reminder'`, [a.contactEmail]);
    expect(mail.subject).toBe('Reminder: monitoring figures of Scorer for 2031-01');
    expect(mail.text_body).toContain('are due in 7 days, on 2031-02-15');
    expect(mail.text_body).toContain('Metrics: auc.');
  });

  it('stops chasing what was submitted, and escalates what is 7 days late', async () => {
    day('2031-02-10');
    await t.http().post(`/api/v1/ai-systems/${S()}/monitoring-submissions`).set(bearer(vendor)).send({ period: '2031-01', values: [{ metric: 'auc', value: 0.8 }] }).expect(201);
    const inventory = await t.http().get('/api/v1/inventory').set(bearer(buyer.riskManager)).expect(200);
    // auc is in for January (February's due 15 March); psi_score is still owed for January.
    expect(inventory.body.items.find((row: { id: string }) => row.id === S()).monitoring).toEqual({ worstCurrent: 'green', lastSubmissionAt: expect.any(String), nextDue: '2031-02-15' });
    day('2031-02-15');
    expect((await sweep(t)).queued.monitoring_reminder).toBe(1);
    day('2031-02-22');
    const late = await sweep(t);
    expect(late.queued).toMatchObject({ monitoring_reminder: 1, monitoring_overdue_escalation: 1 });
    expect(await reminderKeys()).toEqual(
      [`monitoring_reminder:T-7:${S()}:2031-01:${a.contactEmail}`, `monitoring_reminder:T-7:${S()}:2031-01:${owner.id}`, `monitoring_reminder:T0:${S()}:2031-01:${owner.id}`, `monitoring_reminder:T+6:${S()}:2031-01:${owner.id}`].sort(),
    );
    expect(await noticeKeys(t, 'monitoring_overdue:')).toEqual([`monitoring_overdue:${S()}:2031-01:${escalation.id}`]);
    expect((await sweep(t)).queued).toEqual({});
  });

  it('moves on to the next period once it has ended', async () => {
    day('2031-03-08');
    await sweep(t);
    expect((await reminderKeys()).filter((k) => k.includes(':2031-02:'))).toEqual([`monitoring_reminder:T-7:${S()}:2031-02:${a.contactEmail}`, `monitoring_reminder:T-7:${S()}:2031-02:${owner.id}`].sort());
  });

  describe('incident deadlines', () => {
    let incidentId: string;
    const deadlineKeys = () => noticeKeys(t, `incident_deadline:`);

    beforeAll(async () => {
      at('2031-04-01T12:00:00Z');
      const res = await t
        .http()
        .post(`/api/v1/ai-systems/${S()}/incidents`)
        .set(bearer(buyer.riskManager))
        .send({ type: 'personal_data_breach', severity: 'low', detectedAt: '2031-04-01T10:00:00Z', description: 'Exports were sent to the wrong bucket' })
        .expect(201);
      incidentId = res.body.id;
      expect(res.body.deadlines.map((d: { dueAt: string }) => d.dueAt)).toEqual(['2031-04-04T10:00:00.000Z']);
    });

    it('reminds every risk manager a day before, two hours before and once when missed, each once', async () => {
      const managers = (await t.db.query(`SELECT id FROM users WHERE role = 'risk_manager' AND disabled_at IS NULL`)).length;
      at('2031-04-03T09:59:00Z');
      expect((await sweep(t)).queued.incident_deadline).toBeUndefined();
      at('2031-04-03T10:00:00Z');
      expect((await sweep(t)).queued.incident_deadline).toBe(managers);
      at('2031-04-03T18:00:00Z');
      expect((await sweep(t)).queued.incident_deadline).toBeUndefined();
      at('2031-04-04T08:30:00Z');
      expect((await sweep(t)).queued.incident_deadline).toBe(managers);
      at('2031-04-04T10:00:00Z');
      expect((await sweep(t)).queued.incident_deadline).toBe(managers);
      at('2031-04-05T10:00:00Z');
      expect((await sweep(t)).queued.incident_deadline).toBeUndefined();
      const stages = (await deadlineKeys()).map((key) => key.split(':')[1]);
      expect([...new Set(stages)].sort()).toEqual(['T-24h', 'T-2h', 'overdue']);
      expect(stages).toHaveLength(3 * managers);
      expect((await deadlineKeys()).every((key) => key.includes(`:${incidentId}:gdpr.report:`))).toBe(true);
    });

    it('reminds no more once the notification is recorded', async () => {
      at('2031-04-05T11:00:00Z');
      const res = await t.http().post(`/api/v1/ai-systems/${S()}/incidents`).set(bearer(buyer.riskManager)).send({ type: 'personal_data_breach', severity: 'low', detectedAt: '2031-04-05T10:00:00Z', description: 'A second misdirected export' }).expect(201);
      await t.http().post(`/api/v1/incidents/${res.body.id}/notifications`).set(bearer(buyer.riskManager)).send({ regime: 'gdpr', stage: 'report', madeAt: '2031-04-05T10:30:00Z' }).expect(200);
      at('2031-04-08T09:00:00Z');
      await sweep(t);
      expect((await deadlineKeys()).filter((key) => key.includes(res.body.id))).toEqual([]);
    });
  });
});
