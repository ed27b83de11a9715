import { Role } from '../../src/auth/roles.js';
import { controlClock } from '../support/clock.js';
import { buyers, CREDIT_INTAKE, draftAssessment, PLAIN_INTAKE, reviewedAssessment, type Buyer } from '../support/flows.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

/** What the staff pages of the portal need from the API beyond part 1. */
describe('staff portal API: intake preview, my assessments, CSV link, board figures', () => {
  let t: TestApp;
  let buyer: Buyer;
  let auditor: string;
  let systemId: string;

  const api = () => t.http();
  const preview = (token: string, answers: object) => api().post('/api/v1/intakes/preview').set(bearer(token)).send({ answers });
  const count = async (table: string) => Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    auditor = (await signIn(t, Role.Auditor)).token;
    const vendor = (await api().post('/api/v1/vendors').set(bearer(buyer.procurement)).send({ legalName: 'Preview Co', country: 'GB' }).expect(201)).body;
    systemId = (await api().post(`/api/v1/vendors/${vendor.id}/ai-systems`).set(bearer(buyer.procurement)).send({ name: 'Scorer', version: '1', modelType: 'predictive', hosting: 'vendor_saas' }).expect(201)).body.id;
  });
  afterAll(() => t.stop());

  describe('POST /intakes/preview', () => {
    it('gives the tier, category and reasons the intake would record, for partial answers too', async () => {
      const plain = await preview(buyer.procurement, PLAIN_INTAKE).expect(200);
      expect(plain.body).toMatchObject({ inherentTier: 'low', euAiActCategory: 'minimal_risk', canProceed: true, formVersion: expect.any(String) });
      const credit = await preview(buyer.riskManager, CREDIT_INTAKE).expect(200);
      expect(credit.body).toMatchObject({ euAiActCategory: 'high_risk', canProceed: true });
      expect(['high', 'critical']).toContain(credit.body.inherentTier);
      expect(credit.body.reasons.map((r: { rule: string }) => r.rule)).toContain('annex-iii-area');
      const filed = await api().post('/api/v1/intakes').set(bearer(buyer.procurement)).send({ aiSystemId: systemId, useCase: 'Credit', answers: CREDIT_INTAKE }).expect(201);
      expect(credit.body).toEqual({ inherentTier: filed.body.inherentTier, euAiActCategory: filed.body.euAiActCategory, canProceed: filed.body.canProceed, reasons: filed.body.reasons, formVersion: filed.body.formVersion, missing: [] });
      const partial = await preview(buyer.procurement, { prohibited_practice: true }).expect(200);
      expect(partial.body).toMatchObject({ inherentTier: 'critical', euAiActCategory: 'prohibited', canProceed: false });
      expect(partial.body.missing).toEqual(expect.arrayContaining(['decision_impact', 'data_sensitivity', 'exposure']));
      expect(partial.body.missing).not.toContain('prohibited_practice');
    });

    it('stores nothing and writes no audit event', async () => {
      const before = { intakes: await count('intakes'), audit: await count('audit_events'), tier: (await t.db.query('SELECT inherent_tier FROM ai_systems WHERE id = $1', [systemId]))[0].inherent_tier };
      await preview(buyer.procurement, { ...PLAIN_INTAKE, prohibited_practice: true }).expect(200);
      const after = { intakes: await count('intakes'), audit: await count('audit_events'), tier: (await t.db.query('SELECT inherent_tier FROM ai_systems WHERE id = $1', [systemId]))[0].inherent_tier };
      expect(after).toEqual(before);
    });

    it('refuses bad answers by field, as POST /intakes does', async () => {
      const res = await preview(buyer.procurement, { decision_impact: 'sometimes', colour: 'red' }).expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'answers.decision_impact' }), { field: 'answers.colour', message: 'colour is not a question of the intake form' }]),
      );
      await api().post('/api/v1/intakes/preview').set(bearer(buyer.procurement)).send({ answers: 'low' }).expect(400);
      await api().post('/api/v1/intakes/preview').set(bearer(buyer.procurement)).send({ answers: {}, aiSystemId: systemId }).expect(400);
    });

    it('is for procurement and risk managers only', async () => {
      await preview(auditor, PLAIN_INTAKE).expect(403);
      await preview((await signIn(t, Role.Admin)).token, PLAIN_INTAKE).expect(403);
      await api().post('/api/v1/intakes/preview').send({ answers: PLAIN_INTAKE }).expect(401);
    });
  });

  it('lists the assessments I requested, and those I review', async () => {
    const other = await signIn(t, Role.Procurement);
    const mine = await draftAssessment(t, buyer.procurement);
    const theirs = await draftAssessment(t, other.token);
    const ids = async (token: string, query: string) => (await api().get(`/api/v1/assessments?limit=100&${query}`).set(bearer(token)).expect(200)).body.items.map((a: { id: string }) => a.id);
    expect(await ids(buyer.procurement, 'requestedBy=me')).toContain(mine.assessmentId);
    expect(await ids(buyer.procurement, 'requestedBy=me')).not.toContain(theirs.assessmentId);
    expect(await ids(other.token, 'requestedBy=me')).toEqual([theirs.assessmentId]);
    const reviewed = await reviewedAssessment(t, buyer);
    expect(await ids(buyer.riskManager, 'reviewer=me')).toEqual([reviewed.assessmentId]);
    expect(await ids(other.token, 'reviewer=me')).toEqual([]);
    await api().get('/api/v1/assessments?requestedBy=someone').set(bearer(buyer.procurement)).expect(400);
  });

  it('answers the inventory as CSV to format=csv, for a plain download link', async () => {
    const res = await api().get('/api/v1/inventory?format=csv&q=scorer').set(bearer(auditor)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^ai_system_id,ai_system,/);
    expect(lines.slice(1).every((line) => line.includes(',Scorer,'))).toBe(true);
    await api().get('/api/v1/inventory?format=pdf').set(bearer(auditor)).expect(400);
  });

  it('summarises tier by residual risk, expiring approvals, findings by severity and age, and overdue conditions', async () => {
    const clock = controlClock(t, '2026-03-01');
    try {
      const a = await reviewedAssessment(t, buyer, { dueDate: '2026-03-20' });
      await api()
        .post(`/api/v1/assessments/${a.assessmentId}/decision`)
        .set(bearer(buyer.riskManager))
        .send({ outcome: 'approved_with_conditions', rationale: 'Fine with logging', conditions: [{ text: 'Keep logs', dueDate: '2026-03-10' }] })
        .expect(200);
      const system = (await t.db.query('SELECT inherent_tier, residual_risk FROM ai_systems WHERE id = $1', [a.aiSystemId]))[0];
      await t.db.query(`UPDATE ai_systems SET approval_valid_until = '2026-04-15' WHERE id = $1`, [a.aiSystemId]);
      const insert = `INSERT INTO findings (assessment_id, ai_system_id, vendor_id, title, severity, status, created_at, updated_at, version) VALUES ($1, $2, $3, 'Gap', $4, $5, $6, $6, 1)`;
      const row = [a.assessmentId, a.aiSystemId, a.vendorId];
      await t.db.query(insert, [...row, 'high', 'open', '2026-02-20T12:00:00Z']); // 9 days old
      await t.db.query(insert, [...row, 'high', 'remediation_planned', '2026-01-01T12:00:00Z']); // 59 days
      await t.db.query(insert, [...row, 'critical', 'open', '2025-11-01T12:00:00Z']); // 120 days
      await t.db.query(insert, [...row, 'critical', 'closed', '2025-11-01T12:00:00Z']); // closed: not counted
      clock.setDay('2026-03-11');
      const res = await api().get('/api/v1/portfolio/summary').set(bearer(auditor)).expect(200);
      expect(res.body.tierByResidualRisk).toEqual(expect.arrayContaining([{ tier: system.inherent_tier, residualRisk: system.residual_risk, aiSystems: 1 }]));
      // 2026-04-15 is 35 days after 2026-03-11: within 60 and 90, not 30.
      expect(res.body.approvalsExpiring).toEqual({ within30Days: 0, within60Days: 1, within90Days: 1 });
      expect(res.body.openFindingsBySeverity).toEqual([
        { severity: 'critical', under30Days: 0, from30To90Days: 0, over90Days: 1 },
        { severity: 'high', under30Days: 1, from30To90Days: 1, over90Days: 0 },
        { severity: 'medium', under30Days: 0, from30To90Days: 0, over90Days: 0 },
        { severity: 'low', under30Days: 0, from30To90Days: 0, over90Days: 0 },
      ]);
      expect(res.body.conditionsOverdue).toBe(1);
      clock.setDay('2026-03-10');
      expect((await api().get('/api/v1/portfolio/summary').set(bearer(auditor)).expect(200)).body.conditionsOverdue).toBe(0);
    } finally {
      clock.restore();
    }
  });
});
