import { Role } from '../../src/auth/roles.js';
import { answerEverything, buyers, submittedAssessment, CREDIT_INTAKE, draftAssessment, invitationToken, mailsTo, PLAIN_INTAKE, sentAssessment, type Buyer, attachEvidence } from '../support/flows.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';

describe('assessments: create, send, answer by invitation, submit', () => {
  let t: TestApp;
  let buyer: Buyer;
  const api = () => t.http();

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
  });
  afterAll(() => t.stop());

  describe('creating', () => {
    it('chooses the lite questionnaire for a low tier and core plus generative for a generative high tier', async () => {
      const low = await draftAssessment(t, buyer.procurement, { intake: PLAIN_INTAKE });
      const lowRead = await api().get(`/api/v1/assessments/${low.assessmentId}`).set(bearer(buyer.riskManager)).expect(200);
      expect(lowRead.body).toMatchObject({ status: 'draft', cycle: 1, inherentTier: 'low', contactIds: [low.contactId] });
      expect(lowRead.body.questionnaires.map((q: { key: string }) => q.key)).toEqual(['ai-due-diligence-lite']);
      const high = await draftAssessment(t, buyer.procurement, { intake: { ...CREDIT_INTAKE, generative: true }, modelType: 'generative' });
      const highRead = await api().get(`/api/v1/assessments/${high.assessmentId}`).set(bearer(buyer.riskManager)).expect(200);
      expect(highRead.body.questionnaires.map((q: { key: string }) => q.key)).toEqual(['ai-due-diligence-core', 'ai-due-diligence-generative']);
    });

    it('refuses a past due date, an unknown intake, a contact of another vendor and an unknown questionnaire', async () => {
      const a = await draftAssessment(t, buyer.procurement);
      const b = await draftAssessment(t, buyer.procurement);
      const base = { intakeId: a.intakeId, dueDate: '2099-01-01', contactIds: [a.contactId] };
      const post = (body: object) => api().post('/api/v1/assessments').set(bearer(buyer.procurement)).send(body);
      expect((await post({ ...base, dueDate: '2020-01-01' }).expect(400)).body.errors[0].field).toBe('dueDate');
      expect((await post({ ...base, intakeId: crypto.randomUUID() }).expect(422)).body.code).toBe('unknown_reference');
      expect((await post({ ...base, contactIds: [b.contactId] }).expect(422)).body.errors[0].message).toContain(b.contactId);
      expect((await post({ ...base, questionnaireKeys: ['no-such-thing'] }).expect(422)).body.code).toBe('unknown_questionnaire');
      expect((await post({ ...base, questionnaireKeys: ['intake'] }).expect(422)).body.code).toBe('unknown_questionnaire');
    });

    it('refuses an assessment for a prohibited use', async () => {
      const a = await draftAssessment(t, buyer.procurement);
      const intake = await api()
        .post('/api/v1/intakes')
        .set(bearer(buyer.procurement))
        .send({ aiSystemId: a.aiSystemId, useCase: 'x', answers: { ...PLAIN_INTAKE, prohibited_practice: true } })
        .expect(201);
      const res = await api().post('/api/v1/assessments').set(bearer(buyer.procurement)).send({ intakeId: intake.body.id, dueDate: '2099-01-01', contactIds: [a.contactId] }).expect(409);
      expect(res.body.code).toBe('intake_cannot_proceed');
    });

    it('counts cycles per AI system', async () => {
      const a = await draftAssessment(t, buyer.procurement);
      const second = await api().post('/api/v1/assessments').set(bearer(buyer.procurement)).send({ intakeId: a.intakeId, dueDate: '2099-01-01', contactIds: [a.contactId] }).expect(201);
      expect(second.body.cycle).toBe(2);
    });

    it('is only for procurement and risk managers', async () => {
      const a = await draftAssessment(t, buyer.procurement);
      const auditor = await signIn(t, Role.Auditor);
      await api().post('/api/v1/assessments').set(bearer(auditor.token)).send({ intakeId: a.intakeId, dueDate: '2099-01-01', contactIds: [a.contactId] }).expect(403);
    });
  });

  describe('sending and invitations', () => {
    it('mails a single-use link in the fragment, and the link opens a vendor session', async () => {
      const draft = await draftAssessment(t, buyer.procurement);
      const sent = await api().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(buyer.procurement)).expect(200);
      expect(sent.body).toMatchObject({ status: 'sent', invitations: [{ contactId: draft.contactId, email: draft.contactEmail }] });
      const token = await invitationToken(t, draft.contactEmail);
      const [mail] = await mailsTo(t, draft.contactEmail);
      expect(mail).toContain(`${t.config.publicUrl}/invite#token=${token}`);
      expect(mail).toMatch(/Content-Type: text\/plain/);
      expect(mail).toMatch(/Content-Type: text\/html/);
      const stored = await t.db.query('SELECT token_hash FROM invitations WHERE assessment_id = $1', [draft.assessmentId]);
      expect(JSON.stringify(stored)).not.toContain(token);

      const accepted = await api().post('/api/v1/auth/invitations/accept').send({ token, name: 'Sam Lee', password: 'vendor-password-1' }).expect(200);
      expect(accepted.body.user).toMatchObject({ role: 'vendor', vendorId: draft.vendorId, email: draft.contactEmail });
      await api().get(`/api/v1/assessments/${draft.assessmentId}`).set(bearer(accepted.body.token)).expect(200);
      const again = await api().post('/api/v1/auth/invitations/accept').send({ token, name: 'Sam Lee' }).expect(400);
      const unknown = await api().post('/api/v1/auth/invitations/accept').send({ token: 'x'.repeat(43), name: 'Sam Lee' }).expect(400);
      // A used link says so and names who sent it; an unknown one names nobody.
      const [sender] = await t.db.query('SELECT name, email FROM users WHERE id = $1', [buyer.procurementId]);
      expect(again.body).toMatchObject({ code: 'invitation_invalid', reason: 'used', sentBy: { name: sender.name, email: sender.email } });
      expect(again.body.detail).toMatch(/used already/);
      expect(unknown.body).toMatchObject({ code: 'invitation_invalid', reason: 'unknown' });
      expect(unknown.body).not.toHaveProperty('sentBy');
      await api().post('/api/v1/auth/login').send({ email: draft.contactEmail, password: 'vendor-password-1' }).expect(200);
    });

    it('refuses an expired link, saying that it expired', async () => {
      const draft = await draftAssessment(t, buyer.procurement);
      await api().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(buyer.procurement)).expect(200);
      const token = await invitationToken(t, draft.contactEmail);
      await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE assessment_id = $1`, [draft.assessmentId]);
      const res = await api().post('/api/v1/auth/invitations/accept').send({ token, name: 'Sam' }).expect(400);
      expect(res.body).toMatchObject({ code: 'invitation_invalid', reason: 'expired', sentBy: { email: expect.any(String) } });
      expect(res.body.detail).toMatch(/expired/);
    });

    it('issues a new link on resend and retires the unused one', async () => {
      const draft = await draftAssessment(t, buyer.procurement);
      await api().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(buyer.procurement)).expect(200);
      const first = await invitationToken(t, draft.contactEmail);
      const resent = await api().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(buyer.procurement)).expect(200);
      expect(resent.body.status).toBe('sent');
      const second = await invitationToken(t, draft.contactEmail, [first]);
      expect(second).not.toBe(first);
      const retired = await api().post('/api/v1/auth/invitations/accept').send({ token: first, name: 'Sam' }).expect(400);
      expect(retired.body).toMatchObject({ code: 'invitation_invalid', reason: 'replaced' });
      await api().post('/api/v1/auth/invitations/accept').send({ token: second, name: 'Sam' }).expect(200);
    });
  });

  describe('vendor access', () => {
    it('shows a vendor only its own sent assessments, without internal fields', async () => {
      const mine = await sentAssessment(t, buyer.procurement);
      const theirs = await sentAssessment(t, buyer.procurement);
      const draftOfMine = await api()
        .post('/api/v1/assessments')
        .set(bearer(buyer.procurement))
        .send({ intakeId: mine.intakeId, dueDate: '2099-01-01', contactIds: [mine.contactId] })
        .expect(201);
      const list = await api().get('/api/v1/assessments').set(bearer(mine.vendorToken)).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([mine.assessmentId]);
      const own = await api().get(`/api/v1/assessments/${mine.assessmentId}`).set(bearer(mine.vendorToken)).expect(200);
      for (const internal of ['inherentTier', 'requestedBy', 'contactIds', 'intakeId', 'reviewerId']) expect(own.body).not.toHaveProperty(internal);
      for (const path of [`/api/v1/assessments/${theirs.assessmentId}`, `/api/v1/assessments/${theirs.assessmentId}/questions`, `/api/v1/assessments/${draftOfMine.body.id}`]) {
        const res = await api().get(path).set(bearer(mine.vendorToken)).expect(404);
        expect(JSON.stringify(res.body)).not.toContain(theirs.vendorId);
      }
      await api().put(`/api/v1/assessments/${theirs.assessmentId}/responses`).set(bearer(mine.vendorToken)).send({ responses: [{ questionId: 'X-01', value: 'x' }] }).expect(404);
      await api().post(`/api/v1/assessments/${theirs.assessmentId}/submit`).set(bearer(mine.vendorToken)).expect(404);
      await api().post(`/api/v1/assessments/${mine.assessmentId}/send`).set(bearer(mine.vendorToken)).expect(403);
    });

    it('never shows weights, points or knockouts in the questions', async () => {
      const sent = await sentAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE });
      const res = await api().get(`/api/v1/assessments/${sent.assessmentId}/questions`).set(bearer(sent.vendorToken)).expect(200);
      expect(res.body.items.length).toBeGreaterThan(20);
      const text = JSON.stringify(res.body);
      for (const secret of ['"points"', '"weight"', '"knockout"', '"mapsTo"', '"visibleWhen"']) expect(text).not.toContain(secret);
    });
  });

  describe('answering and submitting', () => {
    it('runs the whole vendor path: answer, see dependent questions, submit, then answers lock', async () => {
      const sent = await sentAssessment(t, buyer.procurement);
      const gaps = await api().post(`/api/v1/assessments/${sent.assessmentId}/submit`).set(bearer(sent.vendorToken)).expect(409);
      expect(gaps.body).toMatchObject({ code: 'invalid_state', currentState: 'sent' });
      const answered = await answerEverything(t, sent.vendorToken, sent.assessmentId);
      expect(answered).toBeGreaterThan(5);
      const read = await api().get(`/api/v1/assessments/${sent.assessmentId}`).set(bearer(sent.vendorToken)).expect(200);
      expect(read.body.status).toBe('in_progress');
      const submitted = await api().post(`/api/v1/assessments/${sent.assessmentId}/submit`).set(bearer(sent.vendorToken)).expect(200);
      expect(submitted.body.status).toBe('submitted');
      const questions = await api().get(`/api/v1/assessments/${sent.assessmentId}/questions`).set(bearer(sent.vendorToken)).expect(200);
      const first = questions.body.items[0];
      expect(first.editable).toBe(false);
      const locked = await api()
        .put(`/api/v1/assessments/${sent.assessmentId}/responses`)
        .set(bearer(sent.vendorToken))
        .send({ responses: [{ questionId: first.id, value: first.answer.value }] })
        .expect(409);
      expect(locked.body.code).toBe('answers_locked');
      const events = await api().get(`/api/v1/audit-events?entityId=${sent.assessmentId}`).set(bearer(t.adminToken)).expect(200);
      expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(
        expect.arrayContaining(['assessment.created', 'assessment.sent', 'invitation.accepted', 'responses.saved', 'assessment.submitted']),
      );
    });

    it('lists what is missing when submitting too early', async () => {
      const sent = await sentAssessment(t, buyer.procurement);
      const questions = await api().get(`/api/v1/assessments/${sent.assessmentId}/questions`).set(bearer(sent.vendorToken)).expect(200);
      const optional = questions.body.items.find((q: { required: boolean; type: string }) => !q.required && q.type === 'text') ?? questions.body.items[0];
      await api().put(`/api/v1/assessments/${sent.assessmentId}/responses`).set(bearer(sent.vendorToken)).send({ responses: [{ questionId: optional.id, value: optional.type === 'text' ? 'Partial' : undefined }] }).expect(200);
      const res = await api().post(`/api/v1/assessments/${sent.assessmentId}/submit`).set(bearer(sent.vendorToken)).expect(422);
      expect(res.body.code).toBe('submission_incomplete');
      const required = questions.body.items.filter((q: { required: boolean; id: string }) => q.required && q.id !== optional.id).map((q: { id: string }) => q.id);
      expect(res.body.gaps.map((g: { questionId: string }) => g.questionId)).toEqual(expect.arrayContaining(required));
    });

    it('refuses unknown question ids, bad values and N/A without a reason, naming them, and saves nothing', async () => {
      const sent = await sentAssessment(t, buyer.procurement);
      const questions = (await api().get(`/api/v1/assessments/${sent.assessmentId}/questions`).set(bearer(sent.vendorToken)).expect(200)).body.items;
      const choice = questions.find((q: { type: string }) => q.type === 'single_choice');
      const text = questions.find((q: { type: string }) => q.type === 'text');
      const res = await api()
        .put(`/api/v1/assessments/${sent.assessmentId}/responses`)
        .set(bearer(sent.vendorToken))
        .send({
          responses: [
            { questionId: text.id, value: 'valid' },
            { questionId: 'NOPE-99', value: 'x' },
            { questionId: choice.id, value: 'not-an-option' },
            { questionId: questions[0].id === text.id ? questions[1].id : questions[0].id, notApplicable: true },
          ],
        })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['NOPE-99', choice.id]));
      expect(res.body.errors).toHaveLength(3);
      const after = (await api().get(`/api/v1/assessments/${sent.assessmentId}/questions`).set(bearer(sent.vendorToken)).expect(200)).body.items;
      expect(after.find((q: { id: string }) => q.id === text.id).answer).toBeUndefined();
      expect((await api().get(`/api/v1/assessments/${sent.assessmentId}`).set(bearer(sent.vendorToken))).body.status).toBe('sent');
    });

    it('refuses answers to questions hidden by the other answers', async () => {
      const sent = await sentAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE });
      const visible = new Set((await api().get(`/api/v1/assessments/${sent.assessmentId}/questions`).set(bearer(sent.vendorToken))).body.items.map((q: { id: string }) => q.id));
      const all: { id: string }[] = (await api().get(`/api/v1/questionnaires/ai-due-diligence-core/versions/latest`).set(bearer(buyer.riskManager))).body.questions ?? [];
      const hidden = all.find((q) => !visible.has(q.id));
      if (!hidden) throw new Error('The core questionnaire should have a conditional question');
      const res = await api().put(`/api/v1/assessments/${sent.assessmentId}/responses`).set(bearer(sent.vendorToken)).send({ responses: [{ questionId: hidden.id, value: 'x' }] }).expect(400);
      expect(res.body.errors[0].field).toBe(hidden.id);
    });

    it('cancels an open assessment with a reason, and then refuses everything', async () => {
      const sent = await sentAssessment(t, buyer.procurement);
      await api().post(`/api/v1/assessments/${sent.assessmentId}/cancel`).set(bearer(buyer.procurement)).send({}).expect(400);
      const res = await api().post(`/api/v1/assessments/${sent.assessmentId}/cancel`).set(bearer(buyer.procurement)).send({ reason: 'Project stopped' }).expect(200);
      expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: 'Project stopped' });
      const again = await api().post(`/api/v1/assessments/${sent.assessmentId}/cancel`).set(bearer(buyer.procurement)).send({ reason: 'again' }).expect(409);
      expect(again.body).toMatchObject({ code: 'invalid_state', currentState: 'cancelled' });
      await api().post(`/api/v1/assessments/${sent.assessmentId}/send`).set(bearer(buyer.procurement)).expect(409);
    });

    it('offers the previous decided cycle\'s answers as suggestions the vendor must confirm', async () => {
      const first = await sentAssessment(t, buyer.procurement);
      await answerEverything(t, first.vendorToken, first.assessmentId);
      await api().post(`/api/v1/assessments/${first.assessmentId}/submit`).set(bearer(first.vendorToken)).expect(200);
      // Decisions are recorded by the review feature; here the first cycle is simply decided.
      await t.db.query(`UPDATE assessments SET status = 'approved' WHERE id = $1`, [first.assessmentId]);
      const next = await api().post('/api/v1/assessments').set(bearer(buyer.procurement)).send({ intakeId: first.intakeId, dueDate: '2099-01-01', contactIds: [first.contactId] }).expect(201);
      expect(next.body.cycle).toBe(2);
      await api().post(`/api/v1/assessments/${next.body.id}/send`).set(bearer(buyer.procurement)).expect(200);
      const questions = (await api().get(`/api/v1/assessments/${next.body.id}/questions`).set(bearer(first.vendorToken)).expect(200)).body.items;
      const suggested = questions.filter((q: { answer?: { suggested: boolean } }) => q.answer?.suggested);
      expect(suggested.length).toBe(questions.length);
      const firstText = questions.find((q: { type: string }) => q.type === 'text');
      await api().put(`/api/v1/assessments/${next.body.id}/responses`).set(bearer(first.vendorToken)).send({ responses: [{ questionId: firstText.id, value: 'Still true' }] }).expect(200);
      const early = await api().post(`/api/v1/assessments/${next.body.id}/submit`).set(bearer(first.vendorToken)).expect(422);
      expect(early.body.gaps.filter((g: { missing: string }) => g.missing === 'confirmation').length).toBeGreaterThan(0);
      const confirm = questions.map((q: { id: string; answer: { value: unknown; notApplicable: boolean; notApplicableReason: string } }) =>
        q.answer.notApplicable ? { questionId: q.id, notApplicable: true, reason: q.answer.notApplicableReason } : { questionId: q.id, value: q.answer.value },
      );
      await api().put(`/api/v1/assessments/${next.body.id}/responses`).set(bearer(first.vendorToken)).send({ responses: confirm }).expect(200);
      // Evidence belongs to its cycle: the documents that N/A cannot replace are attached again.
      const documented = questions.filter((q: { naAllowed: boolean; evidence?: { required: boolean } }) => !q.naAllowed && q.evidence?.required).map((q: { id: string }) => q.id);
      await attachEvidence(t, first.vendorToken, next.body.id, documented);
      await api().post(`/api/v1/assessments/${next.body.id}/submit`).set(bearer(first.vendorToken)).expect(200);
    });

    it('lists for staff by due date with filters', async () => {
      const early = await draftAssessment(t, buyer.procurement, { dueDate: '2098-01-01' });
      const late = await draftAssessment(t, buyer.procurement, { dueDate: '2098-06-01' });
      const res = await api().get('/api/v1/assessments?dueBefore=2098-12-31&dueAfter=x').set(bearer(buyer.riskManager)).expect(400);
      expect(res.body.errors[0].field).toBe('dueAfter');
      const list = await api().get('/api/v1/assessments?dueBefore=2098-12-31&status=draft').set(bearer(buyer.riskManager)).expect(200);
      const ids = list.body.items.map((a: { id: string }) => a.id);
      expect(ids.indexOf(early.assessmentId)).toBeLessThan(ids.indexOf(late.assessmentId));
      const byVendor = await api().get(`/api/v1/assessments?vendorId=${late.vendorId}`).set(bearer(buyer.riskManager)).expect(200);
      expect(byVendor.body.items.map((a: { id: string }) => a.id)).toEqual([late.assessmentId]);
    });

    it('lists the reviews a risk manager started (reviewer=me), naming the AI system and vendor for staff only', async () => {
      const other = await signIn(t, Role.RiskManager);
      const mine = await submittedAssessment(t, buyer.procurement, { vendorName: 'Mine Analytics' });
      const theirs = await submittedAssessment(t, buyer.procurement);
      await api().post(`/api/v1/assessments/${mine.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
      await api().post(`/api/v1/assessments/${theirs.assessmentId}/start-review`).set(bearer(other.token)).expect(200);
      const ids = async (token: string) => (await api().get('/api/v1/assessments?reviewer=me&limit=100').set(bearer(token)).expect(200)).body.items.map((a: { id: string }) => a.id);
      expect(await ids(buyer.riskManager)).toEqual([mine.assessmentId]);
      expect(await ids(other.token)).toEqual([theirs.assessmentId]);
      expect(await ids(buyer.procurement)).toEqual([]);
      const read = await api().get(`/api/v1/assessments/${mine.assessmentId}`).set(bearer(buyer.riskManager)).expect(200);
      expect(read.body).toMatchObject({ aiSystemName: 'Scorer', vendorName: 'Mine Analytics', reviewerId: buyer.riskManagerId });
      const vendorView = await api().get(`/api/v1/assessments/${mine.assessmentId}`).set(bearer(mine.vendorToken)).expect(200);
      expect([vendorView.body.aiSystemName, vendorView.body.vendorName]).toEqual([undefined, undefined]);
      const bad = await api().get('/api/v1/assessments?reviewer=someone').set(bearer(buyer.riskManager)).expect(400);
      expect(bad.body.errors[0].field).toBe('reviewer');
    });
  });
});
