import { Role } from '../../src/auth/roles.js';
import { buyers, CREDIT_INTAKE, draftAssessment, PLAIN_INTAKE, type Buyer } from '../support/flows.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

const EMOTIONS_AT_WORK = { ...PLAIN_INTAKE, data_sensitivity: 'special_category', biometric_function: 'emotion_recognition', used_on_workers_or_students: true };
const SAFETY_EXCEPTION = 'Driver fatigue detection in the cash-transport fleet: the safety exception of Article 5(1)(f), confirmed by Legal.';

describe('intakes: Article 5 rulings and the sign-off of a lowered tier', () => {
  let t: TestApp;
  let buyer: Buyer;
  let auditor: string;
  const api = () => t.http();

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    auditor = (await signIn(t, Role.Auditor)).token;
  });
  afterAll(() => t.stop());

  const newSystem = async () => {
    const vendor = (await api().post('/api/v1/vendors').set(bearer(buyer.procurement)).send({ legalName: `Vendor ${crypto.randomUUID().slice(0, 6)}`, country: 'GB' }).expect(201)).body;
    const contact = (await api().post(`/api/v1/vendors/${vendor.id}/contacts`).set(bearer(buyer.procurement)).send({ name: 'Sam Lee', email: `sam.${crypto.randomUUID().slice(0, 6)}@vendor.example` }).expect(201)).body;
    const system = (await api().post(`/api/v1/vendors/${vendor.id}/ai-systems`).set(bearer(buyer.procurement)).send({ name: 'Fleet', version: '1', modelType: 'computer_vision', hosting: 'vendor_saas' }).expect(201)).body;
    return { systemId: system.id as string, contactId: contact.id as string };
  };
  const intake = (token: string, aiSystemId: string, answers: object) => api().post('/api/v1/intakes').set(bearer(token)).send({ aiSystemId, useCase: 'Fleet safety', answers });
  const assessment = (intakeId: string, contactId: string) => api().post('/api/v1/assessments').set(bearer(buyer.procurement)).send({ intakeId, dueDate: '2099-01-31', contactIds: [contactId] });
  const ruling = (token: string, id: string, body: object) => api().post(`/api/v1/intakes/${id}/article5-rulings`).set(bearer(token)).send(body);
  const tierOf = async (systemId: string) => (await api().get(`/api/v1/ai-systems/${systemId}`).set(bearer(buyer.riskManager)).expect(200)).body.inherentTier;

  describe('ruling out an Article 5 rule', () => {
    let systemId: string;
    let contactId: string;
    let intakeId: string;

    beforeAll(async () => {
      ({ systemId, contactId } = await newSystem());
      const res = await intake(buyer.procurement, systemId, EMOTIONS_AT_WORK).expect(201);
      intakeId = res.body.id;
      expect(res.body).toMatchObject({ canProceed: false, euAiActCategory: 'prohibited', article5Rulings: [] });
      expect(res.body.reasons).toContainEqual(expect.objectContaining({ rule: 'emotion-recognition-work-education', cannotProceed: true, legalReference: 'eu-ai-act:Art.5(1)(f)' }));
    });

    it('keeps a stopped intake from being assessed', async () => {
      const res = await assessment(intakeId, contactId).expect(409);
      expect(res.body.code).toBe('intake_cannot_proceed');
    });

    it('refuses procurement with 403', async () => {
      const res = await ruling(buyer.procurement, intakeId, { ruleId: 'emotion-recognition-work-education', legalReference: 'eu-ai-act:Art.5(1)(f)', reason: SAFETY_EXCEPTION }).expect(403);
      expect(res.body.code).toBe('forbidden');
    });

    it.each([
      ['a reference outside Article 5', { legalReference: 'eu-ai-act:Art.6(3)' }, 400, 'validation_failed', 'legalReference'],
      ['a malformed reference', { legalReference: 'Article 5' }, 400, 'validation_failed', 'legalReference'],
      ['no reason', { reason: undefined }, 400, 'validation_failed', 'reason'],
      ['a rule that did not fire', { ruleId: 'real-time-remote-biometric-identification' }, 422, 'unknown_rule', 'ruleId'],
      ['a rule that does not stop the intake', { ruleId: 'biometrics' }, 422, 'not_a_stopping_rule', null],
    ])('refuses %s and changes nothing', async (_name, change, status, code, field) => {
      const body = { ruleId: 'emotion-recognition-work-education', legalReference: 'eu-ai-act:Art.5(1)(f)', reason: SAFETY_EXCEPTION, ...change };
      const res = await ruling(buyer.riskManager, intakeId, body).expect(status);
      expect(res.body.code).toBe(code);
      if (field) expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const after = await api().get(`/api/v1/intakes/${intakeId}`).set(bearer(buyer.riskManager)).expect(200);
      expect(after.body).toMatchObject({ canProceed: false, article5Rulings: [] });
    });

    it('lets a risk manager rule it out, recording who, when, the reference and the reason, and audits it', async () => {
      const res = await ruling(buyer.riskManager, intakeId, { ruleId: 'emotion-recognition-work-education', legalReference: 'eu-ai-act:Art.5(1)(f)', reason: SAFETY_EXCEPTION }).expect(200);
      expect(res.body).toMatchObject({ canProceed: true, inherentTier: 'high', euAiActCategory: 'high_risk' });
      expect(res.body.article5Rulings).toEqual([{ ruleId: 'emotion-recognition-work-education', legalReference: 'eu-ai-act:Art.5(1)(f)', reason: SAFETY_EXCEPTION, ruledBy: buyer.riskManagerId, ruledAt: expect.any(String) }]);
      const events = await api().get(`/api/v1/audit-events?entityType=intake&entityId=${intakeId}`).set(bearer(auditor)).expect(200);
      expect(events.body.items[0]).toMatchObject({
        action: 'intake.article5_ruled_out',
        changes: { legalReference: { before: null, after: 'eu-ai-act:Art.5(1)(f)' }, canProceed: { before: false, after: true }, euAiActCategory: { before: 'prohibited', after: 'high_risk' } },
      });
      expect(await tierOf(systemId)).toBe('high');
    });

    it('refuses ruling the same rule out twice', async () => {
      const res = await ruling(buyer.riskManager, intakeId, { ruleId: 'emotion-recognition-work-education', legalReference: 'eu-ai-act:Art.5(1)(f)', reason: SAFETY_EXCEPTION }).expect(409);
      expect(res.body).toMatchObject({ code: 'already_ruled_out', ruleId: 'emotion-recognition-work-education' });
    });

    it('then lets the assessment be created', async () => {
      await assessment(intakeId, contactId).expect(201);
    });
  });

  describe('an intake that lowers the tier of an assessed system', () => {
    let draft: Awaited<ReturnType<typeof draftAssessment>>;
    let lowering: { id: string };

    beforeAll(async () => {
      draft = await draftAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE });
      expect(await tierOf(draft.aiSystemId)).toBe('high');
      lowering = (await intake(buyer.procurement, draft.aiSystemId, PLAIN_INTAKE).expect(201)).body;
    });

    it('is stored as waiting for a sign-off, and the system keeps its tier', async () => {
      const res = await api().get(`/api/v1/intakes/${lowering.id}`).set(bearer(buyer.procurement)).expect(200);
      expect(res.body).toMatchObject({ inherentTier: 'low', tierSignOff: { previousTier: 'high', status: 'pending', signedOffBy: null } });
      expect(await tierOf(draft.aiSystemId)).toBe('high');
    });

    it('is listed among the intakes waiting for a sign-off', async () => {
      const pending = await api().get(`/api/v1/intakes?aiSystemId=${draft.aiSystemId}&pendingSignOff=true`).set(bearer(buyer.riskManager)).expect(200);
      expect(pending.body.items.map((i: { id: string }) => i.id)).toEqual([lowering.id]);
      const others = await api().get(`/api/v1/intakes?aiSystemId=${draft.aiSystemId}&pendingSignOff=false`).set(bearer(buyer.riskManager)).expect(200);
      expect(others.body.items.map((i: { id: string }) => i.id)).toEqual([draft.intakeId]);
      await api().get('/api/v1/intakes?pendingSignOff=maybe').set(bearer(buyer.riskManager)).expect(400);
    });

    it('cannot start an assessment before the sign-off', async () => {
      const res = await assessment(lowering.id, draft.contactId).expect(422);
      expect(res.body).toMatchObject({ code: 'tier_lowering_needs_sign_off', previousTier: 'high', inherentTier: 'low' });
    });

    it('refuses the sign-off from procurement, and one without a rationale', async () => {
      expect((await api().post(`/api/v1/intakes/${lowering.id}/tier-sign-off`).set(bearer(buyer.procurement)).send({ rationale: 'We say it is lower now, trust us.' }).expect(403)).body.code).toBe('forbidden');
      const res = await api().post(`/api/v1/intakes/${lowering.id}/tier-sign-off`).set(bearer(buyer.riskManager)).send({ rationale: 'ok' }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['rationale']);
      expect(await tierOf(draft.aiSystemId)).toBe('high');
    });

    it('applies the lower tier once a risk manager signs it off, and audits it', async () => {
      const rationale = 'The system now only drafts letters for staff; credit decisions no longer use it.';
      const res = await api().post(`/api/v1/intakes/${lowering.id}/tier-sign-off`).set(bearer(buyer.riskManager)).send({ rationale }).expect(200);
      expect(res.body.tierSignOff).toMatchObject({ status: 'signed_off', signedOffBy: buyer.riskManagerId, rationale });
      expect(await tierOf(draft.aiSystemId)).toBe('low');
      const events = await api().get(`/api/v1/audit-events?entityType=intake&entityId=${lowering.id}`).set(bearer(auditor)).expect(200);
      expect(events.body.items[0]).toMatchObject({ action: 'intake.tier_signed_off', changes: { inherentTier: { before: 'high', after: 'low' } } });
      await assessment(lowering.id, draft.contactId).expect(201);
    });

    it('refuses a second sign-off', async () => {
      const res = await api().post(`/api/v1/intakes/${lowering.id}/tier-sign-off`).set(bearer(buyer.riskManager)).send({ rationale: 'Signing it off once more, to be sure.' }).expect(409);
      expect(res.body.code).toBe('no_sign_off_pending');
    });

    it('needs no sign-off when the system has never been assessed', async () => {
      const { systemId } = await newSystem();
      await intake(buyer.procurement, systemId, CREDIT_INTAKE).expect(201);
      const res = await intake(buyer.procurement, systemId, PLAIN_INTAKE).expect(201);
      expect(res.body.tierSignOff).toBeNull();
      expect(await tierOf(systemId)).toBe('low');
    });
  });

  describe('the Article 6(3) derogation at intake', () => {
    it('is refused for a system that profiles people, naming the field, and stores nothing', async () => {
      const { systemId } = await newSystem();
      const answers = { ...CREDIT_INTAKE, art_6_3_derogation: true, art_6_3_condition: 'preparatory_task', art_6_3_reason: 'Prepares the file for the underwriter', profiles_natural_persons: true };
      const res = await intake(buyer.procurement, systemId, answers).expect(400);
      expect(res.body.errors).toEqual([{ field: 'answers.art_6_3_derogation', message: expect.stringContaining('profiles natural persons') }]);
      const list = await api().get(`/api/v1/intakes?aiSystemId=${systemId}`).set(bearer(buyer.procurement)).expect(200);
      expect(list.body.items).toEqual([]);
    });

    it('needs its reason', async () => {
      const { systemId } = await newSystem();
      const res = await intake(buyer.procurement, systemId, { ...CREDIT_INTAKE, art_6_3_derogation: true, art_6_3_condition: 'preparatory_task', profiles_natural_persons: false }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'answers.art_6_3_reason', message: 'art_6_3_reason is required with these answers' }]);
    });
  });
});
