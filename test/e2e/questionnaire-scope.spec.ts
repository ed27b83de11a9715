import { Role } from '../../src/auth/roles.js';
import { answerEverything, buyers, CREDIT_INTAKE, draftAssessment, PLAIN_INTAKE, sentAssessment, type Buyer } from '../support/flows.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

const MEDIUM_INTAKE = { ...PLAIN_INTAKE, data_sensitivity: 'personal' };
const SOLELY_AUTOMATED_CREDIT = { ...CREDIT_INTAKE, decision_impact: 'solely_automated' };

describe('questionnaires that follow the intake and keep N/A honest', () => {
  let t: TestApp;
  let buyer: Buyer;
  let auditor: string;
  const api = () => t.http();
  const save = (token: string, id: string, responses: object[]) => api().put(`/api/v1/assessments/${id}/responses`).set(bearer(token)).send({ responses });
  const sheet = async (token: string, id: string) => (await api().get(`/api/v1/assessments/${id}/questions`).set(bearer(token)).expect(200)).body.items as { id: string; naAllowed: boolean; answer?: unknown }[];
  const submit = (token: string, id: string) => api().post(`/api/v1/assessments/${id}/submit`).set(bearer(token)).expect(200);
  const findingsOf = async (id: string) => (await api().get(`/api/v1/assessments/${id}/findings`).set(bearer(buyer.riskManager)).expect(200)).body.items as { source: string; severity: string; status: string; questionIds: string[]; title: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    auditor = (await signIn(t, Role.Auditor)).token;
  });
  afterAll(() => t.stop());

  describe('N/A', () => {
    let a: Awaited<ReturnType<typeof sentAssessment>>;
    beforeAll(async () => {
      a = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
    });

    it.each([
      ['a knockout question', 'USE-04', 'Covered by our legal team', 'USE-04 cannot be marked not applicable: its answer decides a knockout'],
      ['a question the template marks naAllowed: false', 'PERF-10', 'Validators never ask for this', 'PERF-10 cannot be marked not applicable: the questionnaire requires an answer'],
      ['an N/A without a reason', 'TRANS-04', undefined, 'TRANS-04 is marked not applicable without a reason'],
      ['an N/A with a blank reason', 'TRANS-04', '   ', 'TRANS-04 is marked not applicable without a reason'],
    ])('refuses N/A on %s, naming the question, and saves nothing', async (_name, questionId, reason, message) => {
      const res = await save(a.vendorToken, a.assessmentId, [{ questionId: 'USE-01', value: 'Drafts letters' }, { questionId, notApplicable: true, ...(reason === undefined ? {} : { reason }) }]).expect(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: questionId, message }] });
      const items = await sheet(a.vendorToken, a.assessmentId);
      expect(items.find((q) => q.id === 'USE-01')!.answer).toBeUndefined();
      expect(items.find((q) => q.id === questionId)!.answer).toBeUndefined();
    });

    it.each([
      ['"none of these" with a capability', 'USE-04', ['none', 'emotion_inference'], 'USE-04 none cannot be chosen with other options'],
      ['a headline performance above 1', 'PERF-01', 82, 'PERF-01 must be between 0 and 1'],
      ['a negative impact ratio', 'FAIR-03', -0.2, 'FAIR-03 must be between 0 and 1'],
    ])('refuses %s, naming the question', async (_name, questionId, value, message) => {
      const res = await save(a.vendorToken, a.assessmentId, [{ questionId: 'FAIR-01', value: 'internal_testing' }, { questionId, value }]).expect(400);
      expect(res.body.errors).toEqual([{ field: questionId, message }]);
    });

    it('tells the vendor which questions refuse N/A', async () => {
      const items = await sheet(a.vendorToken, a.assessmentId);
      expect(items.find((q) => q.id === 'USE-04')!.naAllowed).toBe(false);
      expect(items.find((q) => q.id === 'PERF-10')!.naAllowed).toBe(false);
      expect(items.find((q) => q.id === 'TRANS-04')!.naAllowed).toBe(true);
    });

    it('lists every N/A with its reason in the score view', async () => {
      await answerEverything(t, a.vendorToken, a.assessmentId);
      await save(a.vendorToken, a.assessmentId, [{ questionId: 'TRANS-04', notApplicable: true, reason: 'The system generates no content' }]).expect(200);
      await submit(a.vendorToken, a.assessmentId);
      const score = (await api().get(`/api/v1/assessments/${a.assessmentId}/score`).set(bearer(auditor)).expect(200)).body;
      expect(score.notApplicable).toContainEqual({ questionId: 'TRANS-04', reason: 'The system generates no content' });
      const line = score.domains.flatMap((d: { explanation: { questionId: string; status: string }[] }) => d.explanation).find((l: { questionId: string }) => l.questionId === 'TRANS-04');
      expect(line.status).toBe('not_applicable');
    });
  });

  describe('scope from the intake', () => {
    it('shows the conformity, registration, Annex IV and Article 72-73 questions when the intake says high-risk, whatever the vendor says', async () => {
      const a = await sentAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE });
      await save(a.vendorToken, a.assessmentId, [{ questionId: 'USE-03', value: 'minimal_risk' }]).expect(200);
      const ids = (await sheet(a.vendorToken, a.assessmentId)).map((q) => q.id);
      expect(ids).toEqual(expect.arrayContaining(['GOV-06', 'GOV-07', 'GOV-08', 'INC-06', 'INC-07', 'GOV-10', 'GOV-11', 'FAIR-06']));
    });

    it('hides them when neither the intake nor the vendor says high-risk', async () => {
      const a = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
      await save(a.vendorToken, a.assessmentId, [{ questionId: 'USE-03', value: 'minimal_risk' }]).expect(200);
      const ids = (await sheet(a.vendorToken, a.assessmentId)).map((q) => q.id);
      for (const id of ['GOV-06', 'GOV-07', 'INC-07', 'FAIR-06']) expect(ids).not.toContain(id);
    });

    it('opens a draft finding inconsistent_with_intake when an answer contradicts the intake', async () => {
      const a = await sentAssessment(t, buyer.procurement, { intake: SOLELY_AUTOMATED_CREDIT });
      await answerEverything(t, a.vendorToken, a.assessmentId);
      await save(a.vendorToken, a.assessmentId, [{ questionId: 'OVER-01', value: 'always' }]).expect(200);
      await submit(a.vendorToken, a.assessmentId);
      await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
      const inconsistent = (await findingsOf(a.assessmentId)).filter((f) => f.source === 'inconsistent_with_intake');
      expect(inconsistent).toEqual([expect.objectContaining({ questionIds: ['OVER-01'], severity: 'high', status: 'draft', title: expect.stringContaining('without a person reviewing each one') })]);
    });

    it('opens none when the answer agrees with the intake', async () => {
      const a = await sentAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE });
      await answerEverything(t, a.vendorToken, a.assessmentId);
      await save(a.vendorToken, a.assessmentId, [{ questionId: 'OVER-01', value: 'always' }]).expect(200);
      await submit(a.vendorToken, a.assessmentId);
      await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
      expect((await findingsOf(a.assessmentId)).filter((f) => f.source === 'inconsistent_with_intake')).toEqual([]);
    });
  });

  describe('weak answers by their weight', () => {
    it('gives each weak-answer finding the severity its question and domain call for', async () => {
      const a = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
      await answerEverything(t, a.vendorToken, a.assessmentId);
      await save(a.vendorToken, a.assessmentId, [
        { questionId: 'FAIR-03', value: 0.6 }, // adverse impact: findingSeverity high
        { questionId: 'PERF-09', value: 'no' }, // no back-testing: PERF weighs 2, so medium
        { questionId: 'PERF-10', value: 'outputs_only' }, // "partly" on a weight-3 question: a step below medium
      ]).expect(200);
      await submit(a.vendorToken, a.assessmentId);
      await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
      const weak = new Map((await findingsOf(a.assessmentId)).filter((f) => f.source === 'low_score').map((f) => [f.questionIds[0], f.severity]));
      expect({ 'FAIR-03': weak.get('FAIR-03'), 'PERF-09': weak.get('PERF-09'), 'PERF-10': weak.get('PERF-10') }).toEqual({ 'FAIR-03': 'high', 'PERF-09': 'medium', 'PERF-10': 'low' });
    });
  });

  describe('questionnaires below the tier', () => {
    let draft: Awaited<ReturnType<typeof draftAssessment>>;
    let highIntake: string;
    beforeAll(async () => {
      draft = await draftAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE });
      highIntake = draft.intakeId;
    });
    const create = (token: string, extra: object) =>
      api().post('/api/v1/assessments').set(bearer(token)).send({ intakeId: highIntake, dueDate: '2099-01-31', contactIds: [draft.contactId], questionnaireKeys: ['ai-due-diligence-lite'], ...extra });

    it.each([
      ['procurement', () => buyer.procurement, {}],
      ['procurement, even with a reason', () => buyer.procurement, { belowTierReason: 'The vendor only drafts letters for us' }],
      ['a risk manager without a reason', () => buyer.riskManager, {}],
    ])('refuses the lite set for a high tier from %s', async (_name, token, extra) => {
      const res = await create(token(), extra).expect(422);
      expect(res.body).toMatchObject({ code: 'questionnaire_below_tier', minimumQuestionnaire: 'ai-due-diligence-core', errors: [{ field: 'questionnaireKeys', message: expect.stringContaining('ai-due-diligence-core') }] });
    });

    it('lets a risk manager send less with a reason, and audits the reason', async () => {
      const reason = 'Interim lite review while the vendor completes its validation report';
      const res = await create(buyer.riskManager, { belowTierReason: reason }).expect(201);
      expect(res.body.questionnaires.map((q: { key: string }) => q.key)).toEqual(['ai-due-diligence-lite']);
      const events = await api().get(`/api/v1/audit-events?entityType=assessment&entityId=${res.body.id}`).set(bearer(auditor)).expect(200);
      expect(events.body.items[0].changes.questionnaireBelowTierReason).toEqual({ before: null, after: reason });
    });

    it('accepts the core set chosen by procurement', async () => {
      await create(buyer.procurement, { questionnaireKeys: ['ai-due-diligence-core'] }).expect(201);
    });
  });

  describe('the generative module for a generative system', () => {
    let draft: Awaited<ReturnType<typeof draftAssessment>>;
    beforeAll(async () => {
      draft = await draftAssessment(t, buyer.procurement, { intake: { ...MEDIUM_INTAKE, generative: true } });
    });
    const create = (token: string, extra: object) =>
      api().post('/api/v1/assessments').set(bearer(token)).send({ intakeId: draft.intakeId, dueDate: '2099-01-31', contactIds: [draft.contactId], questionnaireKeys: ['ai-due-diligence-core'], ...extra });
    const assessmentsOf = async () => Number((await t.db.query('SELECT count(*) AS n FROM assessments WHERE intake_id = $1', [draft.intakeId]))[0].n);

    it('chooses the module itself when procurement leaves the choice to the intake', async () => {
      const read = await api().get(`/api/v1/assessments/${draft.assessmentId}`).set(bearer(auditor)).expect(200);
      expect(read.body.questionnaires.map((q: { key: string }) => q.key)).toEqual(['ai-due-diligence-core', 'ai-due-diligence-generative']);
    });

    it.each([
      ['procurement', () => buyer.procurement, {}],
      ['procurement, even with a reason', () => buyer.procurement, { withoutGenerativeReason: 'The chatbot only answers from our FAQ' }],
      ['a risk manager without a reason', () => buyer.riskManager, {}],
      ['a risk manager giving only the below-tier reason', () => buyer.riskManager, { belowTierReason: 'The chatbot only answers from our FAQ' }],
    ])('refuses questionnaires without the module from %s, creating nothing', async (_name, token, extra) => {
      const before = await assessmentsOf();
      const res = await create(token(), extra).expect(422);
      expect(res.body).toMatchObject({
        code: 'questionnaire_without_generative_module',
        requiredQuestionnaire: 'ai-due-diligence-generative',
        errors: [{ field: 'questionnaireKeys', message: 'must include ai-due-diligence-generative for a generative system' }],
      });
      expect(await assessmentsOf()).toBe(before);
    });

    it('lets a risk manager leave the module out with a reason, and audits the reason', async () => {
      const reason = 'The generative part is switched off in our contract';
      const res = await create(buyer.riskManager, { withoutGenerativeReason: reason }).expect(201);
      expect(res.body.questionnaires.map((q: { key: string }) => q.key)).toEqual(['ai-due-diligence-core']);
      const events = await api().get(`/api/v1/audit-events?entityType=assessment&entityId=${res.body.id}`).set(bearer(auditor)).expect(200);
      expect(events.body.items[0].changes.questionnaireWithoutGenerativeReason).toEqual({ before: null, after: reason });
    });

    it('takes the module chosen by procurement, and asks nothing of a system that generates nothing', async () => {
      await create(buyer.procurement, { questionnaireKeys: ['ai-due-diligence-core', 'ai-due-diligence-generative'] }).expect(201);
      const plain = await draftAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE, questionnaireKeys: ['ai-due-diligence-core'] });
      expect(plain.assessmentId).toBeDefined();
    });

    it('refuses a too-short reason as bad input', async () => {
      const res = await create(buyer.riskManager, { withoutGenerativeReason: 'no' }).expect(400);
      expect(res.body.errors[0].field).toBe('withoutGenerativeReason');
    });
  });
});
