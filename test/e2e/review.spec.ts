import { Role } from '../../src/auth/roles.js';
import { attachEvidence, buyers, CREDIT_INTAKE, etagOf, findingsOf, PLAIN_INTAKE, reviewedAssessment, sampleAnswer, sentAssessment, submittedAssessment, triageDrafts, type Buyer } from '../support/flows.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

const CRITICAL_INTAKE = { ...CREDIT_INTAKE, decision_impact: 'solely_automated' };
const MEDIUM_INTAKE = { ...PLAIN_INTAKE, data_sensitivity: 'personal' };
/**
 * Answers to the lite questionnaire (a low tier). Knockout questions cannot be N/A, so DATA-01,
 * PRIV-01 and SUPPLY-03 are answered with their document attached; the other questions that ask
 * for evidence are N/A. Worked out by hand from questionnaires/ai-due-diligence-lite.yaml
 * (points × weight; domain scores rounded to one decimal, as the control score reads them):
 *   USE    USE-04 none 1×3                                   → 3/3 = 100
 *   TRANS  TRANS-03 partly 0.5×1                             → 50
 *   OVER   OVER-02 no 0×2                                    → 0
 *   DATA   DATA-01 never 1×3 + DATA-03 0.8×2 + DATA-05 1×2 + DATA-06 0.5×2 = 7.6 / 9 → 84.4
 *   PRIV   PRIV-01 yes 1×3 + PRIV-06 0.7×2 + PRIV-07 0.6×2 = 5.6 / 7 → 80
 *   SEC    SEC-02 N/A; SEC-07 yes 1×2                        → 100
 *   SUPPLY SUPPLY-02 N/A; SUPPLY-03 yes 1×3                  → 100
 *   CHG    CHG-01 notice_shorter 0.5×3                       → 50
 *   INC    INC-02 no_commitment 0×2                          → 0
 *   ASSUR  ASSUR-01 false 0×2 (ASSUR-02 hidden)              → 0
 *   CONT   CONT-05 documented 0.5×2 + CONT-07 yes 1×2 = 3 / 4 → 75
 *   GOV    GOV-01 yes 1×1                                    → 100
 * Control score, by domain weight: 100×1 + 50×1 + 0×1 + 84.4×3 + 80×3 + 100×2 + 100×2 + 50×2
 * + 0×1 + 0×1 + 75×2 + 100×1 = 1393.2 over 20 = 69.66 → 69.7 → adequate; a low tier → low.
 */
const notApplicable = (questionId: string) => ({ questionId, notApplicable: true, reason: 'Evidence is reviewed separately' });
const LITE_ANSWERS = [
  { questionId: 'USE-01', value: 'Pre-screens loan applications for a human underwriter.' },
  { questionId: 'USE-04', value: ['none'] },
  { questionId: 'TRANS-03', value: 'partly' },
  { questionId: 'OVER-02', value: 'no' },
  { questionId: 'DATA-01', value: 'never' },
  { questionId: 'DATA-03', value: 'up_to_30_days' },
  { questionId: 'DATA-05', value: 'yes' },
  { questionId: 'DATA-06', value: 'partly' },
  { questionId: 'PRIV-01', value: 'yes' },
  { questionId: 'PRIV-06', value: 'with_safeguards' },
  { questionId: 'PRIV-07', value: 'within_72_hours' },
  notApplicable('SEC-02'),
  { questionId: 'SEC-07', value: 'yes' },
  { questionId: 'SUPPLY-01', value: 'Hosted on one cloud provider in the EU.' },
  notApplicable('SUPPLY-02'),
  { questionId: 'SUPPLY-03', value: 'yes' },
  { questionId: 'CHG-01', value: 'notice_shorter' },
  { questionId: 'INC-02', value: 'no_commitment' },
  { questionId: 'ASSUR-01', value: false },
  { questionId: 'CONT-05', value: 'documented' },
  { questionId: 'CONT-07', value: 'yes' },
  { questionId: 'GOV-01', value: 'yes' },
];
const LITE_DOMAIN_SCORES = { USE: 100, TRANS: 50, OVER: 0, DATA: 84.4, PRIV: 80, SEC: 100, SUPPLY: 100, CHG: 50, INC: 0, ASSUR: 0, CONT: 75, GOV: 100 };
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
const inThreeMonths = () => new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);

describe('review: scores, findings, clarifications and decisions', () => {
  let t: TestApp;
  let buyer: Buyer;
  let secondRisk: { id: string; token: string };
  let auditor: string;
  const api = () => t.http();
  const decide = (token: string, id: string, body: object, etag?: string) => {
    const req = api().post(`/api/v1/assessments/${id}/decision`).set(bearer(token));
    return etag ? req.set('if-match', etag).send(body) : req.send(body);
  };
  const startReview = (id: string, token = buyer.riskManager) => api().post(`/api/v1/assessments/${id}/start-review`).set(bearer(token)).expect(200);

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    secondRisk = await signIn(t, Role.RiskManager, { name: 'Dana Second' });
    auditor = (await signIn(t, Role.Auditor)).token;
  });
  afterAll(() => t.stop());

  describe('the score', () => {
    it('scores a fixed set of lite answers to the figures worked out by hand, for risk managers and auditors only', async () => {
      const a = await sentAssessment(t, buyer.procurement, { intake: PLAIN_INTAKE });
      await api().put(`/api/v1/assessments/${a.assessmentId}/responses`).set(bearer(a.vendorToken)).send({ responses: LITE_ANSWERS }).expect(200);
      await attachEvidence(t, a.vendorToken, a.assessmentId, ['DATA-01', 'PRIV-01', 'SUPPLY-03']);
      await api().post(`/api/v1/assessments/${a.assessmentId}/submit`).set(bearer(a.vendorToken)).expect(200);
      const score = (await api().get(`/api/v1/assessments/${a.assessmentId}/score`).set(bearer(auditor)).expect(200)).body;

      expect(Object.fromEntries(score.domains.map((d: { id: string; score: number | null }) => [d.id, d.score]))).toEqual(LITE_DOMAIN_SCORES);
      expect(score).toMatchObject({ inherentTier: 'low', controlScore: 69.7, band: 'adequate', residualRisk: 'low', knockouts: [] });
      expect(score.domains.find((d: { id: string }) => d.id === 'DATA').explanation).toEqual([
        { questionId: 'DATA-01', status: 'scored', answer: 'never', points: 1, weight: 3, contribution: 3 },
        { questionId: 'DATA-03', status: 'scored', answer: 'up_to_30_days', points: 0.8, weight: 2, contribution: 1.6 },
        { questionId: 'DATA-05', status: 'scored', answer: 'yes', points: 1, weight: 2, contribution: 2 },
        { questionId: 'DATA-06', status: 'scored', answer: 'partly', points: 0.5, weight: 2, contribution: 1 },
      ]);
      expect(score.residualExplanation).toEqual(['Control score 69.7 is in the adequate band, giving low for a low tier']);
      await api().get(`/api/v1/assessments/${a.assessmentId}/score`).set(bearer(a.vendorToken)).expect(403);
      await api().get(`/api/v1/assessments/${a.assessmentId}/score`).set(bearer(buyer.procurement)).expect(403);
    });
  });

  describe('start of review and automatic findings', () => {
    it('assigns the reviewer and opens draft findings for knockouts, hidden from the vendor', async () => {
      const a = await submittedAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE, answers: { 'CHG-01': 'no_notice' } });
      const score = (await api().get(`/api/v1/assessments/${a.assessmentId}/score`).set(bearer(buyer.riskManager))).body;
      const res = await startReview(a.assessmentId);
      expect(res.body).toMatchObject({ status: 'in_review', reviewerId: buyer.riskManagerId });
      const findings = await api().get(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(buyer.riskManager)).expect(200);
      expect(res.body.draftFindings).toBe(findings.body.items.length);
      const knockoutFindings = findings.body.items.filter((f: { source: string }) => f.source === 'knockout');
      expect(knockoutFindings.map((f: { questionIds: string[] }) => f.questionIds[0])).toContain('CHG-01');
      expect(knockoutFindings.map((f: { questionIds: string[] }) => f.questionIds[0]).sort()).toEqual(score.knockouts.map((k: { questionId: string }) => k.questionId).sort());
      expect(findings.body.items.every((f: { status: string }) => f.status === 'draft')).toBe(true);
      const vendorView = await api().get(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(a.vendorToken)).expect(200);
      expect(vendorView.body.items).toEqual([]);
      const again = await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(409);
      expect(again.body.currentState).toBe('in_review');
    });
  });

  describe('decisions', () => {
    it('approves with conditions, updating the AI system approval and the inventory', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: CREDIT_INTAKE });
      const etag = await etagOf(t, buyer.riskManager, a.assessmentId);
      const res = await decide(buyer.riskManager, a.assessmentId, {
        outcome: 'approved_with_conditions',
        rationale: 'Adequate controls; bias audit outstanding',
        conditions: [{ text: 'Deliver an independent bias audit', dueDate: inAYear() }],
      }, etag).expect(200);
      expect(res.body).toMatchObject({ outcome: 'approved_with_conditions', status: 'final', conditions: [{ status: 'open', overdue: false }] });
      const system = await api().get(`/api/v1/ai-systems/${a.aiSystemId}`).set(bearer(auditor)).expect(200);
      const months = new Date(system.body.approval.validUntil).getTime() - Date.now();
      expect(months / (30 * 86_400_000)).toBeGreaterThan(11);
      expect(months / (30 * 86_400_000)).toBeLessThan(13);
      expect(system.body.approval).toMatchObject({ status: 'approved_with_conditions', residualRisk: res.body.residualRisk, conditions: [{ text: 'Deliver an independent bias audit' }] });
      const assessment = await api().get(`/api/v1/assessments/${a.assessmentId}`).set(bearer(auditor)).expect(200);
      expect(assessment.body.status).toBe('approved_with_conditions');
      await decide(buyer.riskManager, a.assessmentId, { outcome: 'rejected', rationale: 'Changed my mind entirely' }).expect(409);
    });

    it('refuses a stale ETag with 412 and changes nothing', async () => {
      const a = await submittedAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
      const stale = await etagOf(t, buyer.riskManager, a.assessmentId);
      await startReview(a.assessmentId);
      const res = await decide(buyer.riskManager, a.assessmentId, { outcome: 'rejected', rationale: 'Not good enough at all' }, stale).expect(412);
      expect(res.body.code).toBe('precondition_failed');
      expect((await api().get(`/api/v1/assessments/${a.assessmentId}`).set(bearer(auditor))).body.status).toBe('in_review');
    });

    it('never lets the requester of the intake decide', async () => {
      const a = await submittedAssessment(t, buyer.riskManager, { intake: MEDIUM_INTAKE });
      await startReview(a.assessmentId, secondRisk.token);
      const res = await decide(buyer.riskManager, a.assessmentId, { outcome: 'rejected', rationale: 'Deciding my own request' }).expect(403);
      expect(res.body.detail).toMatch(/Separation of duties/);
      await decide(secondRisk.token, a.assessmentId, { outcome: 'rejected', rationale: 'An independent decision' }).expect(200);
    });

    it('needs two different risk managers on a critical tier', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: CRITICAL_INTAKE });
      const body = { outcome: 'rejected', rationale: 'Residual risk too high for this use' };
      const first = await decide(buyer.riskManager, a.assessmentId, body).expect(200);
      expect(first.body.status).toBe('pending_confirmation');
      expect((await api().get(`/api/v1/assessments/${a.assessmentId}`).set(bearer(auditor))).body.status).toBe('in_review');
      const twice = await decide(buyer.riskManager, a.assessmentId, body).expect(409);
      expect(twice.body.code).toBe('four_eyes');
      const other = await decide(secondRisk.token, a.assessmentId, { ...body, outcome: 'approved_with_conditions', conditions: [{ text: 'x'.repeat(5), dueDate: inAYear() }] }).expect(409);
      expect(other.body.code).toBe('decision_mismatch');
      const confirmed = await decide(secondRisk.token, a.assessmentId, body).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'final', decidedBy: buyer.riskManagerId, confirmedBy: secondRisk.id });
      expect((await api().get(`/api/v1/ai-systems/${a.aiSystemId}`).set(bearer(auditor))).body.approval).toMatchObject({ status: 'rejected', validUntil: null });
    });

    it('records exactly one decision under a burst of 20 simultaneous requests', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => decide(i % 2 ? buyer.riskManager : secondRisk.token, a.assessmentId, { outcome: 'rejected', rationale: `Burst decision number ${i}` })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      const rows = await t.db.query('SELECT count(*)::int AS n FROM decisions WHERE assessment_id = $1', [a.assessmentId]);
      expect(rows[0].n).toBe(1);
    });

    it('blocks a plain approval while high or critical findings stand, listing them, until their risk is accepted by two risk managers', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const finding = await api()
        .post(`/api/v1/assessments/${a.assessmentId}/findings`)
        .set(bearer(buyer.riskManager))
        .send({ title: 'No DPA signed', severity: 'high', questionIds: [] })
        .expect(201);
      const blocked = await decide(buyer.riskManager, a.assessmentId, { outcome: 'approved', rationale: 'Looks fine to approve' }).expect(422);
      expect(blocked.body).toMatchObject({ code: 'blocking_findings', findings: [{ id: finding.body.id, severity: 'high' }] });
      const accept = (token: string) => api().post(`/api/v1/findings/${finding.body.id}/risk-acceptance`).set(bearer(token)).send({ rationale: 'Signed DPA expected within a month', expiresAt: inThreeMonths() });
      const proposed = await accept(buyer.riskManager).expect(201);
      expect(proposed.body).toMatchObject({ status: 'open', acceptance: { status: 'pending_confirmation', requiredApprovers: 2, approverId: buyer.riskManagerId } });
      await decide(buyer.riskManager, a.assessmentId, { outcome: 'approved', rationale: 'Looks fine to approve' }).expect(422);
      expect((await accept(buyer.riskManager).expect(409)).body.code).toBe('four_eyes');
      const confirmed = await accept(secondRisk.token).expect(201);
      expect(confirmed.body).toMatchObject({ status: 'accepted', acceptance: { status: 'confirmed', confirmedBy: secondRisk.id } });
      await decide(buyer.riskManager, a.assessmentId, { outcome: 'approved', rationale: 'Accepted the DPA gap for now' }).expect(200);
    });

    it('refuses conditions on a plain approval and an approval with conditions without any', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const one = await decide(buyer.riskManager, a.assessmentId, { outcome: 'approved_with_conditions', rationale: 'Needs conditions here' }).expect(400);
      expect(one.body.errors[0].field).toBe('conditions');
      await decide(buyer.riskManager, a.assessmentId, { outcome: 'rejected', rationale: 'No conditions expected', conditions: [{ text: 'abc', dueDate: inAYear() }] }).expect(400);
      await decide(buyer.riskManager, a.assessmentId, { outcome: 'maybe', rationale: 'Unknown outcome given' }).expect(400);
      await decide(buyer.procurement, a.assessmentId, { outcome: 'rejected', rationale: 'Not a risk manager' }).expect(403);
    });

    it('decides only in review', async () => {
      const a = await submittedAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
      const res = await decide(buyer.riskManager, a.assessmentId, { outcome: 'rejected', rationale: 'Before the review began' }).expect(409);
      expect(res.body).toMatchObject({ code: 'invalid_state', currentState: 'submitted' });
    });
  });

  describe('the full review flow', () => {
    it('goes through triage, conditions that cover findings, a four-eyes disagreement and a confirmation', async () => {
      const a = await submittedAssessment(t, buyer.procurement, { intake: CRITICAL_INTAKE, answers: { 'CHG-01': 'no_notice' } });
      await startReview(a.assessmentId);
      const drafts = await findingsOf(t, buyer.riskManager, a.assessmentId);
      const knockout = drafts.find((f) => f.source === 'knockout' && f.questionIds[0] === 'CHG-01')!;
      const cover = (findingIds: string[]) => ({ text: 'Written notice of model changes 30 days ahead, in the contract', dueDate: inAYear(), findingIds });
      const approve = (token: string, findingIds: string[], rationale = 'Adequate once change notice is in the contract') =>
        decide(token, a.assessmentId, { outcome: 'approved_with_conditions', rationale, conditions: [cover(findingIds)] });

      // Triage first: no decision, not even a rejection, while drafts stand.
      const untriaged = await decide(buyer.riskManager, a.assessmentId, { outcome: 'rejected', rationale: 'Rejecting before triage' }).expect(422);
      expect(untriaged.body.code).toBe('untriaged_findings');
      expect(untriaged.body.findings).toEqual(expect.arrayContaining([{ id: knockout.id, title: knockout.title }]));
      expect(untriaged.body.findings).toHaveLength(drafts.length);
      await api().patch(`/api/v1/findings/${knockout.id}`).set(bearer(buyer.riskManager)).send({ status: 'open' }).expect(200);
      await triageDrafts(t, buyer.riskManager, a.assessmentId, 'dismiss');

      // The knockout must be named by a condition.
      const uncovered = await approve(buyer.riskManager, []).expect(422);
      expect(uncovered.body).toMatchObject({ code: 'blocking_findings', findings: [{ id: knockout.id, source: 'knockout' }] });
      const proposed = await approve(buyer.riskManager, [knockout.id]).expect(200);
      expect(proposed.body).toMatchObject({ status: 'pending_confirmation', decidedBy: buyer.riskManagerId, steps: [{ step: 'proposed', actorId: buyer.riskManagerId }] });

      // The second risk manager disagrees: the proposal is void, the assessment stays in review.
      const disagreement = 'Change notice alone does not cover a critical-tier credit use';
      await api().post(`/api/v1/assessments/${a.assessmentId}/decision/disagreement`).set(bearer(buyer.riskManager)).send({ rationale: 'Disagreeing with myself' }).expect(409);
      const voided = await api().post(`/api/v1/assessments/${a.assessmentId}/decision/disagreement`).set(bearer(secondRisk.token)).send({ rationale: disagreement }).expect(200);
      expect(voided.body).toMatchObject({ status: 'void', steps: [{ step: 'proposed' }, { step: 'disagreed', actorId: secondRisk.id, rationale: disagreement }] });
      expect((await api().get(`/api/v1/assessments/${a.assessmentId}`).set(bearer(auditor))).body.status).toBe('in_review');

      // A new proposal, confirmed by the second risk manager in their own words.
      await approve(buyer.riskManager, [knockout.id], 'Adequate with change notice and a quarterly change log').expect(200);
      const confirmed = await approve(secondRisk.token, [knockout.id], 'Agreed now that the change log is quarterly').expect(200);
      expect(confirmed.body).toMatchObject({
        status: 'final',
        decidedBy: buyer.riskManagerId,
        confirmedBy: secondRisk.id,
        rationale: 'Adequate with change notice and a quarterly change log',
        confirmationRationale: 'Agreed now that the change log is quarterly',
        conditions: [{ findingIds: [knockout.id], status: 'open' }],
      });
      expect(confirmed.body).toMatchObject({ decidedByName: 'Test risk_manager', confirmedByName: 'Dana Second' });
      expect(confirmed.body.steps.map((s: { step: string }) => s.step)).toEqual(['proposed', 'disagreed', 'proposed', 'confirmed']);
      const shown = await api().get(`/api/v1/assessments/${a.assessmentId}/decision`).set(bearer(auditor)).expect(200);
      expect(shown.body.steps[1]).toMatchObject({ step: 'disagreed', rationale: disagreement, actorName: confirmed.body.confirmedByName });

      // Meeting the condition sends the finding it covers to retest.
      const condition = confirmed.body.conditions[0];
      await api().patch(`/api/v1/conditions/${condition.id}`).set(bearer(buyer.procurement)).send({ status: 'proposed_met', note: 'Clause 14.2 of the signed contract' }).expect(200);
      expect((await api().get(`/api/v1/findings/${knockout.id}`).set(bearer(auditor))).body.status).toBe('open');
      await api().patch(`/api/v1/conditions/${condition.id}`).set(bearer(buyer.riskManager)).send({ status: 'met', note: 'Clause checked against the contract' }).expect(200);
      expect((await api().get(`/api/v1/findings/${knockout.id}`).set(bearer(auditor))).body.status).toBe('remediated');
    });
  });

  describe('clarifications', () => {
    it('reopens only the named answers, e-mails a link and keeps the thread', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const questions = (await api().get(`/api/v1/assessments/${a.assessmentId}/questions`).set(bearer(a.vendorToken))).body.items;
      const [reopened, locked] = questions.filter((q: { type: string }) => q.type !== 'evidence');
      await api().post(`/api/v1/assessments/${a.assessmentId}/clarifications`).set(bearer(buyer.riskManager)).send({ questionIds: ['NOPE-1'], message: 'What about this?' }).expect(400);
      await api().post(`/api/v1/assessments/${a.assessmentId}/clarifications`).set(bearer(buyer.riskManager)).send({ questionIds: [reopened.id], message: 'Please say more about this.' }).expect(201);
      const view = (await api().get(`/api/v1/assessments/${a.assessmentId}/questions`).set(bearer(a.vendorToken))).body.items;
      expect(view.find((q: { id: string }) => q.id === reopened.id).editable).toBe(true);
      expect(view.find((q: { id: string }) => q.id === locked.id).editable).toBe(false);
      const refused = await api().put(`/api/v1/assessments/${a.assessmentId}/responses`).set(bearer(a.vendorToken)).send({ responses: [{ questionId: locked.id, value: sampleAnswer(locked) }] }).expect(400);
      expect(refused.body.errors[0].message).toMatch(/locked/);
      await api().put(`/api/v1/assessments/${a.assessmentId}/responses`).set(bearer(a.vendorToken)).send({ responses: [{ questionId: reopened.id, value: sampleAnswer(reopened) }] }).expect(200);
      await api().post(`/api/v1/assessments/${a.assessmentId}/submit`).set(bearer(a.vendorToken)).expect(200);
      const thread = await api().get(`/api/v1/assessments/${a.assessmentId}/clarifications`).set(bearer(a.vendorToken)).expect(200);
      expect(thread.body.items).toEqual([expect.objectContaining({ questionIds: [reopened.id], message: 'Please say more about this.', answeredAt: expect.any(String) })]);
      const mails = await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'clarification_requested' AND recipient = $1`, [a.contactEmail]);
      expect(mails[0].n).toBe(1);
      await startReview(a.assessmentId);
    });
  });

  describe('findings', () => {
    it('lets the vendor plan and report remediation of its items, and only the risk team close them', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const create = (body: object) => api().post(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(buyer.riskManager)).send(body).expect(201);
      const item = (await create({ title: 'Publish model card', severity: 'medium', visibleToVendor: true, dueDate: inAYear() })).body;
      const internal = (await create({ title: 'Internal note on pricing', severity: 'low' })).body;
      const list = await api().get('/api/v1/findings').set(bearer(a.vendorToken)).expect(200);
      expect(list.body.items.map((f: { id: string }) => f.id)).toEqual([item.id]);
      expect(list.body.items[0]).not.toHaveProperty('ownerId');
      await api().get(`/api/v1/findings/${internal.id}`).set(bearer(a.vendorToken)).expect(404);

      const etag = (await api().get(`/api/v1/findings/${item.id}`).set(bearer(a.vendorToken))).headers.etag;
      await api().patch(`/api/v1/findings/${item.id}`).set(bearer(a.vendorToken)).set('if-match', etag).send({ status: 'remediation_planned', remediationPlan: 'Card by next month' }).expect(200);
      await api().patch(`/api/v1/findings/${item.id}`).set(bearer(a.vendorToken)).set('if-match', etag).send({ status: 'remediated' }).expect(412);
      const notYours = await api().patch(`/api/v1/findings/${item.id}`).set(bearer(a.vendorToken)).send({ severity: 'low' }).expect(400);
      expect(notYours.body.errors[0].field).toBe('severity');
      const close = await api().patch(`/api/v1/findings/${item.id}`).set(bearer(a.vendorToken)).send({ status: 'closed' }).expect(409);
      expect(close.body.code).toBe('invalid_transition');
      await api().post(`/api/v1/findings/${item.id}/comments`).set(bearer(a.vendorToken)).send({ body: 'Draft card attached to the portal' }).expect(201);
      await api().patch(`/api/v1/findings/${item.id}`).set(bearer(a.vendorToken)).send({ status: 'remediated' }).expect(200);
      await api().patch(`/api/v1/findings/${item.id}`).set(bearer(buyer.riskManager)).send({ status: 'closed' }).expect(400);
      const closed = await api().patch(`/api/v1/findings/${item.id}`).set(bearer(buyer.riskManager)).send({ status: 'closed', retestResult: 'Card published and reviewed' }).expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', comments: [{ authorRole: 'vendor', body: 'Draft card attached to the portal' }] });
    });

    it('accepts a risk only by a risk manager who did not request the intake, until a future date', async () => {
      const a = await submittedAssessment(t, buyer.riskManager, { intake: MEDIUM_INTAKE });
      await startReview(a.assessmentId, secondRisk.token);
      const finding = (await api().post(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(secondRisk.token)).send({ title: 'Logs kept 3 months only', severity: 'medium' }).expect(201)).body;
      const accept = (token: string, body: object) => api().post(`/api/v1/findings/${finding.id}/risk-acceptance`).set(bearer(token)).send(body);
      await accept(buyer.riskManager, { rationale: 'We can live with this one', expiresAt: inAYear() }).expect(403);
      await accept(secondRisk.token, { rationale: 'We can live with this one', expiresAt: '2020-01-01' }).expect(400);
      await accept(buyer.procurement, { rationale: 'We can live with this one', expiresAt: inAYear() }).expect(403);
      const accepted = await accept(secondRisk.token, { rationale: 'Compensated by our own log store', expiresAt: inAYear() }).expect(201);
      expect(accepted.body).toMatchObject({ status: 'accepted', acceptance: { approverId: secondRisk.id, expiresAt: inAYear() } });
      await accept(secondRisk.token, { rationale: 'Accept it a second time', expiresAt: inAYear() }).expect(409);
    });
  });

  describe('conditions', () => {
    it('are proposed met by procurement and met or waived by a risk manager, and the AI system follows', async () => {
      const a = await reviewedAssessment(t, buyer, { intake: MEDIUM_INTAKE });
      const decision = await decide(buyer.riskManager, a.assessmentId, {
        outcome: 'approved_with_conditions',
        rationale: 'Approved with two conditions',
        conditions: [
          { text: 'Sign the AI addendum', dueDate: inAYear() },
          { text: 'Share the red-team report', dueDate: inAYear() },
        ],
      }).expect(200);
      const [first, second] = decision.body.conditions;
      // The first falls due: the condition list and the AI system both show it overdue.
      await t.db.query(`UPDATE conditions SET due_date = current_date - 1 WHERE id = $1`, [first.id]);
      await t.db.query(`UPDATE ai_systems SET approval_conditions = jsonb_set(approval_conditions, '{0,dueDate}', to_jsonb((current_date - 1)::text)) WHERE id = $1`, [a.aiSystemId]);
      const overdue = await api().get('/api/v1/conditions?overdue=true').set(bearer(auditor)).expect(200);
      expect(overdue.body.items.map((c: { id: string }) => c.id)).toContain(first.id);
      expect(overdue.body.items.map((c: { id: string }) => c.id)).not.toContain(second.id);
      const flagged = await api().get(`/api/v1/ai-systems/${a.aiSystemId}`).set(bearer(auditor)).expect(200);
      expect(flagged.body.approval.overdueConditions).toBe(1);
      const list = await api().get(`/api/v1/conditions?aiSystemId=${a.aiSystemId}&status=open`).set(bearer(auditor)).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id).sort()).toEqual([first.id, second.id].sort());
      const patch = (token: string, id: string, body: object) => api().patch(`/api/v1/conditions/${id}`).set(bearer(token)).send(body);
      await patch(buyer.procurement, first.id, { status: 'proposed_met', note: 'Addendum signed on file', evidenceIds: [crypto.randomUUID()] }).expect(400);
      const notHers = await patch(buyer.procurement, first.id, { status: 'met', note: 'Addendum signed on file' }).expect(403);
      expect(notHers.body.detail).toMatch(/proposed_met/);
      const proposed = await patch(buyer.procurement, first.id, { status: 'proposed_met', note: 'Addendum signed on file' }).expect(200);
      expect(proposed.body).toMatchObject({ status: 'proposed_met', overdue: true });
      await patch(buyer.riskManager, first.id, { status: 'open', note: 'The signed copy is not on file yet' }).expect(200);
      await patch(buyer.procurement, first.id, { status: 'proposed_met', note: 'Signed copy now uploaded' }).expect(200);
      await patch(buyer.riskManager, first.id, { status: 'met', note: 'Signed copy checked' }).expect(200);
      await patch(buyer.procurement, second.id, { status: 'waived', note: 'No longer needed' }).expect(403);
      await patch(buyer.riskManager, second.id, { status: 'waived', note: 'Vendor scope changed' }).expect(200);
      await patch(buyer.riskManager, second.id, { status: 'met', note: 'Again' }).expect(409);
      const system = await api().get(`/api/v1/ai-systems/${a.aiSystemId}`).set(bearer(auditor)).expect(200);
      expect(system.body.approval.conditions.map((c: { status: string }) => c.status).sort()).toEqual(['met', 'waived']);
    });
  });
});
