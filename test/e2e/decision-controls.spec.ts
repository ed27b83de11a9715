import { Role } from '../../src/auth/roles.js';
import { addMonths } from '../../src/domain/reassessment-cadence.js';
import { addDays } from '../../src/domain/schedule.js';
import { controlClock } from '../support/clock.js';
import { answerEverything, buyers, CREDIT_INTAKE, findingsOf, PLAIN_INTAKE, reviewedAssessment, sampleAnswer, sentAssessment, submittedAssessment, type Buyer } from '../support/flows.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { file, multipart, pdf } from '../support/uploads.js';

const CRITICAL_INTAKE = { ...CREDIT_INTAKE, decision_impact: 'solely_automated' };
const MEDIUM_INTAKE = { ...PLAIN_INTAKE, data_sensitivity: 'personal' };
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('decision controls', () => {
  let t: TestApp;
  let buyer: Buyer;
  let secondRisk: { id: string; token: string };
  let auditor: string;
  const api = () => t.http();
  const decide = (token: string, id: string, body: object) => api().post(`/api/v1/assessments/${id}/decision`).set(bearer(token)).send(body);
  const patchFinding = (token: string, id: string, body: object) => api().patch(`/api/v1/findings/${id}`).set(bearer(token)).send(body);
  const accept = (token: string, id: string, expiresAt: string) => api().post(`/api/v1/findings/${id}/risk-acceptance`).set(bearer(token)).send({ rationale: 'Compensated by our own controls', expiresAt });
  const createFinding = async (assessmentId: string, severity: string) =>
    (await api().post(`/api/v1/assessments/${assessmentId}/findings`).set(bearer(buyer.riskManager)).send({ title: `A ${severity} gap`, severity }).expect(201)).body;
  const statusOf = async (id: string) => (await api().get(`/api/v1/assessments/${id}`).set(bearer(auditor)).expect(200)).body.status;
  const decisionRows = async (id: string) => (await t.db.query('SELECT count(*)::int AS n FROM decisions WHERE assessment_id = $1', [id]))[0].n;
  const audited = async (entityId: string, action: string) =>
    (await api().get(`/api/v1/audit-events?entityId=${entityId}`).set(bearer(auditor)).expect(200)).body.items.filter((e: { action: string }) => e.action === action);

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    secondRisk = await signIn(t, Role.RiskManager, { name: 'Dana Second' });
    auditor = (await signIn(t, Role.Auditor)).token;
  });
  afterAll(() => t.stop());

  describe('a prohibited practice', () => {
    it('allows only a rejection when the Article 5 question is answered with a knockout, naming the question', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE, answers: { 'USE-04': ['emotion_inference', 'social_scoring'] } });
      const approval = await decide(buyer.riskManager, a.assessmentId, { outcome: 'approved', rationale: 'The rest looks fine to us' }).expect(422);
      expect(approval.body).toMatchObject({ code: 'prohibited_practice', questionIds: ['USE-04'], ruleIds: [] });
      expect(approval.body.detail).toMatch(/USE-04/);
      const withConditions = await decide(buyer.riskManager, a.assessmentId, {
        outcome: 'approved_with_conditions',
        rationale: 'Approve if they stop doing it',
        conditions: [{ text: 'Switch the practice off', dueDate: daysAhead(30) }],
      }).expect(422);
      expect(withConditions.body.code).toBe('prohibited_practice');
      expect({ status: await statusOf(a.assessmentId), decisions: await decisionRows(a.assessmentId) }).toEqual({ status: 'in_review', decisions: 0 });
      // The knockout makes the residual risk severe: four eyes even on a medium tier.
      const rejection = { outcome: 'rejected', rationale: 'A practice prohibited by Article 5' };
      expect((await decide(buyer.riskManager, a.assessmentId, rejection).expect(200)).body).toMatchObject({ status: 'pending_confirmation', residualRisk: 'severe' });
      expect((await decide(secondRisk.token, a.assessmentId, rejection).expect(200)).body.status).toBe('final');
    });

    it('refuses the second risk manager\'s confirmation once the intake says the use cannot proceed, naming the rule', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: CRITICAL_INTAKE });
      const body = { outcome: 'approved', rationale: 'Controls are adequate for this use' };
      await decide(buyer.riskManager, a.assessmentId, body).expect(200);
      // No assessment can be created from an intake that cannot proceed, so the ruling lands on the stored intake.
      await t.db.query(
        `UPDATE intakes SET can_proceed = false, reasons = reasons || '[{"rule": "prohibited-practice", "reason": "Article 5", "condition": "prohibited_practice = true", "category": "prohibited"}]'::jsonb WHERE id = $1`,
        [a.intakeId],
      );
      const refused = await decide(secondRisk.token, a.assessmentId, body).expect(422);
      expect(refused.body).toMatchObject({ code: 'prohibited_practice', ruleIds: ['prohibited-practice'] });
      expect((await api().get(`/api/v1/assessments/${a.assessmentId}/decision`).set(bearer(auditor)).expect(200)).body.status).toBe('pending_confirmation');
    });
  });

  describe('triage of draft findings', () => {
    let assessmentId: string;
    let knockout: { id: string };
    beforeAll(async () => {
      const a = await submittedAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE, answers: { 'CHG-01': 'no_notice' } });
      assessmentId = a.assessmentId;
      await api().post(`/api/v1/assessments/${assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
      knockout = (await findingsOf(t, buyer.riskManager, assessmentId)).find((f) => f.questionIds[0] === 'CHG-01')!;
    });

    it('never accepts the risk of an untriaged draft', async () => {
      const res = await accept(buyer.riskManager, knockout.id, daysAhead(30)).expect(409);
      expect(res.body).toMatchObject({ code: 'finding_not_triaged', currentState: 'draft' });
    });

    it('dismisses a draft only with a reason, kept on the finding and in the audit trail', async () => {
      const other = (await findingsOf(t, buyer.riskManager, assessmentId)).find((f) => f.status === 'draft' && f.id !== knockout.id);
      const draft = other ?? (await createFinding(assessmentId, 'low'));
      const missing = await patchFinding(buyer.riskManager, draft.id, { status: 'dismissed' }).expect(400);
      expect(missing.body.errors).toEqual([{ field: 'reason', message: 'a finding is dismissed with a reason' }]);
      const dismissed = await patchFinding(buyer.riskManager, draft.id, { status: 'dismissed', reason: 'Answered in the contract annex' }).expect(200);
      expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissalReason: 'Answered in the contract annex' });
      const [event] = await audited(draft.id, 'finding.dismissed');
      expect(event.changes).toMatchObject({ reason: { after: 'Answered in the contract annex' }, status: { after: 'dismissed' } });
    });

    it('confirms a draft, and lowers its severity only with a reason, auditing before and after', async () => {
      await patchFinding(buyer.riskManager, knockout.id, { status: 'open' }).expect(200);
      expect(await audited(knockout.id, 'finding.confirmed')).toHaveLength(1);
      const missing = await patchFinding(buyer.riskManager, knockout.id, { severity: 'medium' }).expect(400);
      expect(missing.body.errors[0]).toEqual({ field: 'reason', message: 'lowering the severity of a finding needs a reason' });
      await patchFinding(buyer.riskManager, knockout.id, { severity: 'critical' }).expect(200);
      await patchFinding(buyer.riskManager, knockout.id, { severity: 'high', reason: 'Notice is contractual from the next renewal' }).expect(200);
      const [lowered] = (await audited(knockout.id, 'finding.updated')).filter((e: { changes: { reason?: unknown } }) => e.changes.reason);
      expect(lowered.changes).toMatchObject({ severity: { before: 'critical', after: 'high' }, reason: { after: 'Notice is contractual from the next renewal' } });
    });
  });

  describe('conditions that cover findings', () => {
    it('refuses a condition naming a finding of another assessment, changing nothing', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const elsewhere = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const foreign = await createFinding(elsewhere.assessmentId, 'high');
      const res = await decide(buyer.riskManager, a.assessmentId, {
        outcome: 'approved_with_conditions',
        rationale: 'Covering a finding that is not ours',
        conditions: [{ text: 'Fix it', dueDate: daysAhead(60), findingIds: [foreign.id] }],
      }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'conditions.0.findingIds', message: `${foreign.id} is not a finding of this assessment` }]);
      expect(await decisionRows(a.assessmentId)).toBe(0);
    });

    it('takes a valid risk acceptance as cover, and not one past its date', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const high = await createFinding(a.assessmentId, 'high');
      for (const token of [buyer.riskManager, secondRisk.token]) await accept(token, high.id, daysAhead(90)).expect(201);
      await t.db.query(`UPDATE risk_acceptances SET expires_at = current_date - 1 WHERE finding_id = $1`, [high.id]);
      const body = { outcome: 'approved_with_conditions', rationale: 'Approved with a logging condition', conditions: [{ text: 'Keep logs 12 months', dueDate: daysAhead(60) }] };
      const blocked = await decide(buyer.riskManager, a.assessmentId, body).expect(422);
      expect(blocked.body).toMatchObject({ code: 'blocking_findings', findings: [{ id: high.id, status: 'accepted' }] });
      await t.db.query(`UPDATE risk_acceptances SET expires_at = current_date + 30 WHERE finding_id = $1`, [high.id]);
      await decide(buyer.riskManager, a.assessmentId, body).expect(200);
    });
  });

  describe('four eyes', () => {
    it('voids a pending decision when the assessment goes back to clarification, and audits it', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: CRITICAL_INTAKE });
      await decide(buyer.riskManager, a.assessmentId, { outcome: 'rejected', rationale: 'Residual risk too high for us' }).expect(200);
      const questions = (await api().get(`/api/v1/assessments/${a.assessmentId}/questions`).set(bearer(a.vendorToken))).body.items;
      const reopened = questions.find((q: { type: string; evidence?: unknown }) => q.type !== 'evidence' && !q.evidence);
      await api().post(`/api/v1/assessments/${a.assessmentId}/clarifications`).set(bearer(buyer.riskManager)).send({ questionIds: [reopened.id], message: 'Please say more.' }).expect(201);
      const voided = await api().get(`/api/v1/assessments/${a.assessmentId}/decision`).set(bearer(auditor)).expect(200);
      expect(voided.body).toMatchObject({ status: 'void', steps: [{ step: 'proposed' }, { step: 'voided', actorId: buyer.riskManagerId }] });
      expect(await audited(a.assessmentId, 'decision.voided')).toHaveLength(1);
      await api().put(`/api/v1/assessments/${a.assessmentId}/responses`).set(bearer(a.vendorToken)).send({ responses: [{ questionId: reopened.id, value: sampleAnswer(reopened) }] }).expect(200);
      await api().post(`/api/v1/assessments/${a.assessmentId}/submit`).set(bearer(a.vendorToken)).expect(200);
      await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
      await decide(secondRisk.token, a.assessmentId, { outcome: 'rejected', rationale: 'Residual risk too high for us' }).expect(200);
      expect(await decisionRows(a.assessmentId)).toBe(2);
    });

    it('refuses a disagreement when nothing is pending, and to anyone but a risk manager', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const disagree = (token: string) => api().post(`/api/v1/assessments/${a.assessmentId}/decision/disagreement`).set(bearer(token)).send({ rationale: 'I do not agree with this' });
      expect((await disagree(secondRisk.token).expect(409)).body.code).toBe('no_pending_decision');
      await disagree(buyer.procurement).expect(403);
      await api().post(`/api/v1/assessments/${a.assessmentId}/decision/disagreement`).set(bearer(secondRisk.token)).send({ rationale: 'short' }).expect(400);
    });
  });

  describe('risk acceptance authority', () => {
    it('refuses to accept a critical finding at all', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const critical = await createFinding(a.assessmentId, 'critical');
      const res = await accept(buyer.riskManager, critical.id, daysAhead(30)).expect(422);
      expect(res.body).toMatchObject({ code: 'acceptance_not_allowed', severity: 'critical' });
      expect((await api().get(`/api/v1/findings/${critical.id}`).set(bearer(auditor))).body).toMatchObject({ status: 'open', acceptance: null });
    });

    it('accepts a high finding for at most 6 months and a medium one for at most 12', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const high = await createFinding(a.assessmentId, 'high');
      const medium = await createFinding(a.assessmentId, 'medium');
      const today = new Date().toISOString().slice(0, 10);
      const tooLong = await accept(buyer.riskManager, high.id, addDays(addMonths(today, 6), 2)).expect(422);
      expect(tooLong.body).toMatchObject({ code: 'acceptance_too_long', severity: 'high' });
      await accept(buyer.riskManager, medium.id, addDays(addMonths(today, 12), 2)).expect(422);
      const accepted = await accept(buyer.riskManager, medium.id, addMonths(today, 11)).expect(201);
      expect(accepted.body).toMatchObject({ status: 'accepted', acceptance: { status: 'confirmed', requiredApprovers: 1 } });
    });
    it('refuses a critical finding lowered to high first, as critical, changing nothing', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const lowered = await createFinding(a.assessmentId, 'critical');
      const patched = await patchFinding(buyer.riskManager, lowered.id, { severity: 'high', reason: 'Only internal users reach it' }).expect(200);
      expect(patched.body).toMatchObject({ severity: 'high', highestSeverity: 'critical' });
      await patchFinding(buyer.riskManager, lowered.id, { severity: 'low', reason: 'And only in the test environment' }).expect(200);
      const res = await accept(buyer.riskManager, lowered.id, daysAhead(30)).expect(422);
      expect(res.body).toMatchObject({ code: 'acceptance_not_allowed', severity: 'critical' });
      await accept(secondRisk.token, lowered.id, daysAhead(30)).expect(422);
      expect((await api().get(`/api/v1/findings/${lowered.id}`).set(bearer(auditor))).body).toMatchObject({ status: 'open', severity: 'low', highestSeverity: 'critical', acceptance: null });
    });

    it('accepts a high finding lowered to medium under the rule for high: two risk managers, at most 6 months', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const lowered = await createFinding(a.assessmentId, 'high');
      await patchFinding(buyer.riskManager, lowered.id, { severity: 'medium', reason: 'A manual check catches most cases' }).expect(200);
      const today = new Date().toISOString().slice(0, 10);
      const tooLong = await accept(buyer.riskManager, lowered.id, addMonths(today, 11)).expect(422);
      expect(tooLong.body).toMatchObject({ code: 'acceptance_too_long', severity: 'high', latest: addMonths(today, 6) });
      const proposed = await accept(buyer.riskManager, lowered.id, addMonths(today, 5)).expect(201);
      expect(proposed.body).toMatchObject({ status: 'open', acceptance: { status: 'pending_confirmation', requiredApprovers: 2 } });
      const confirmed = await accept(secondRisk.token, lowered.id, addMonths(today, 5)).expect(201);
      expect(confirmed.body).toMatchObject({ status: 'accepted', severity: 'medium', acceptance: { status: 'confirmed', confirmedBy: secondRisk.id } });
    });
  });

  describe('approval validity on the one clock', () => {
    it('approves a severe residual risk for 3 months from the clock\'s today, and flags overdue conditions as the clock moves', async () => {
      const start = daysAhead(10);
      const clock = controlClock(t, start);
      try {
        const a = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
        const { body, contentType } = multipart([{ name: 'questionIds', value: 'PRIV-01' }, file(pdf('Draft DPA'.repeat(300)))]);
        await api().post(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(a.vendorToken)).set('content-type', contentType).send(body).expect(201);
        await answerEverything(t, a.vendorToken, a.assessmentId, { 'PRIV-01': 'no' });
        await api().post(`/api/v1/assessments/${a.assessmentId}/submit`).set(bearer(a.vendorToken)).expect(200);
        await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
        const drafts = await findingsOf(t, buyer.riskManager, a.assessmentId);
        for (const d of drafts) await patchFinding(buyer.riskManager, d.id, { status: 'open' }).expect(200);
        const knockout = drafts.find((d) => d.questionIds[0] === 'PRIV-01')!;
        const decision = {
          outcome: 'approved_with_conditions',
          rationale: 'Approved while the DPA is negotiated',
          conditions: [{ text: 'Sign a DPA covering Article 28(3)', dueDate: addDays(start, 30), findingIds: drafts.map((d) => d.id) }],
        };
        expect((await decide(buyer.riskManager, a.assessmentId, decision).expect(200)).body).toMatchObject({ status: 'pending_confirmation', residualRisk: 'severe' });
        // The second risk manager reads what they are asked to confirm, conditions included.
        const pending = await api().get(`/api/v1/assessments/${a.assessmentId}/decision`).set(bearer(secondRisk.token)).expect(200);
        expect(pending.body.proposedConditions).toEqual([{ text: 'Sign a DPA covering Article 28(3)', dueDate: addDays(start, 30), ownerId: null, findingIds: drafts.map((d) => d.id) }]);
        const final = await decide(secondRisk.token, a.assessmentId, decision).expect(200);
        expect(final.body).toMatchObject({ status: 'final', validUntil: addMonths(start, 3), conditions: [{ overdue: false, findingIds: expect.arrayContaining([knockout.id]) }] });

        clock.setDay(addDays(start, 31));
        const overdue = await api().get('/api/v1/conditions?overdue=true').set(bearer(auditor)).expect(200);
        expect(overdue.body.items.map((c: { id: string }) => c.id)).toContain(final.body.conditions[0].id);
        expect((await api().get(`/api/v1/ai-systems/${a.aiSystemId}`).set(bearer(auditor))).body.approval).toMatchObject({ overdueConditions: 1, status: 'approved_with_conditions' });
        clock.setDay(addDays(addMonths(start, 3), 1));
        expect((await api().get(`/api/v1/ai-systems/${a.aiSystemId}`).set(bearer(auditor))).body.approval.status).toBe('expired');
      } finally {
        clock.restore();
      }
    });
  });
});
