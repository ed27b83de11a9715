import { Role } from '../../src/auth/roles.js';
import { answerEverything, buyers, PLAIN_INTAKE, sentAssessment, triageDrafts, type Buyer, type SentAssessment } from '../support/flows.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { file, multipart, pdf, type Part } from '../support/uploads.js';

const MEDIUM_INTAKE = { ...PLAIN_INTAKE, data_sensitivity: 'personal' };
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
/** A PDF big enough not to look like a placeholder. */
const realPdf = (title: string) => pdf(`${title} ${'x'.repeat(4000)}`);

describe('evidence review', () => {
  let t: TestApp;
  let buyer: Buyer;
  let auditor: string;
  const api = () => t.http();
  const upload = (a: SentAssessment, parts: Part[]) => {
    const { body, contentType } = multipart(parts);
    return api().post(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(a.vendorToken)).set('content-type', contentType).send(body);
  };
  const review = (token: string, id: string, body: object) => api().post(`/api/v1/evidence/${id}/review`).set(bearer(token)).send(body);
  const listAs = async (token: string, a: SentAssessment) => (await api().get(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(token)).expect(200)).body.items;
  const submit = (a: SentAssessment) => api().post(`/api/v1/assessments/${a.assessmentId}/submit`).set(bearer(a.vendorToken));

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    auditor = (await signIn(t, Role.Auditor)).token;
  });
  afterAll(() => t.stop());

  it('flags to staff the same bytes offered for unrelated questions and a file far too small, never to the vendor', async () => {
    const a = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
    const same = realPdf('SOC 2 report');
    const security = (await upload(a, [{ name: 'questionIds', value: 'PRIV-01' }, file(same)]).expect(201)).body;
    const fairness = (await upload(a, [{ name: 'questionIds', value: 'USE-05' }, file(same)]).expect(201)).body;
    const tiny = (await upload(a, [{ name: 'questionIds', value: 'PRIV-01' }, file(pdf('Placeholder'))]).expect(201)).body;
    const staff = await listAs(auditor, a);
    const flagsOf = (id: string) => staff.find((e: { id: string }) => e.id === id).flags;
    expect(flagsOf(security.id)).toEqual([expect.objectContaining({ kind: 'duplicate_of', evidenceIds: [fairness.id], questionIds: ['USE-05'] })]);
    expect(flagsOf(fairness.id)).toEqual([expect.objectContaining({ kind: 'duplicate_of', evidenceIds: [security.id], questionIds: ['PRIV-01'] })]);
    expect(flagsOf(tiny.id)).toEqual([expect.objectContaining({ kind: 'suspiciously_small', minimumBytes: 2048 })]);
    const vendorView = await listAs(a.vendorToken, a);
    expect(vendorView.every((e: object) => !('flags' in e))).toBe(true);
  });

  it('lets only a risk manager review, and rejects only with a reason, changing nothing otherwise', async () => {
    const a = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
    const evidence = (await upload(a, [{ name: 'questionIds', value: 'PRIV-01' }, file(realPdf('DPA'))]).expect(201)).body;
    await review(buyer.procurement, evidence.id, { status: 'accepted' }).expect(403);
    await review(a.vendorToken, evidence.id, { status: 'accepted' }).expect(403);
    const noReason = await review(buyer.riskManager, evidence.id, { status: 'rejected' }).expect(400);
    expect(noReason.body.errors).toEqual([{ field: 'reason', message: 'evidence is rejected with a reason the vendor can act on' }]);
    await review(buyer.riskManager, evidence.id, { status: 'lost' }).expect(400);
    await review(buyer.riskManager, crypto.randomUUID(), { status: 'accepted' }).expect(404);
    expect((await listAs(auditor, a))[0]).toMatchObject({ reviewStatus: 'pending', reviewReason: null });
    const accepted = await review(buyer.riskManager, evidence.id, { status: 'accepted' }).expect(200);
    expect(accepted.body).toMatchObject({ reviewStatus: 'accepted' });
    const events = (await api().get(`/api/v1/audit-events?entityId=${evidence.id}`).set(bearer(auditor)).expect(200)).body.items;
    expect(events.map((e: { action: string }) => e.action)).toContain('evidence.accepted');
  });

  it('counts rejected evidence as missing, tells the vendor why, and takes a replacement', async () => {
    const a = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
    const dpa = (await upload(a, [{ name: 'questionIds', value: 'PRIV-01' }, file(realPdf('DPA, unsigned'))]).expect(201)).body;
    await answerEverything(t, a.vendorToken, a.assessmentId, { 'PRIV-01': 'yes' });
    await submit(a).expect(200);
    await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
    await review(buyer.riskManager, dpa.id, { status: 'rejected', reason: 'The DPA is not signed' }).expect(200);
    expect((await listAs(a.vendorToken, a)).find((e: { id: string }) => e.id === dpa.id)).toMatchObject({ reviewStatus: 'rejected', reviewReason: 'The DPA is not signed' });

    await api().post(`/api/v1/assessments/${a.assessmentId}/clarifications`).set(bearer(buyer.riskManager)).send({ questionIds: ['PRIV-01'], message: 'Please upload the signed DPA.' }).expect(201);
    const sheet = (await api().get(`/api/v1/assessments/${a.assessmentId}/questions`).set(bearer(a.vendorToken))).body.items;
    expect(sheet.find((q: { id: string }) => q.id === 'PRIV-01').evidenceIds).toEqual([]);
    await api().put(`/api/v1/assessments/${a.assessmentId}/responses`).set(bearer(a.vendorToken)).send({ responses: [{ questionId: 'PRIV-01', value: 'yes' }] }).expect(200);
    const gap = await submit(a).expect(422);
    expect(gap.body).toMatchObject({ code: 'submission_incomplete', gaps: [{ questionId: 'PRIV-01', missing: 'evidence' }] });
    await upload(a, [{ name: 'questionIds', value: 'PRIV-01' }, file(realPdf('DPA, signed'))]).expect(201);
    await submit(a).expect(200);
  });

  it('takes evidence for an open condition after the decision from its own vendor, and nothing else', async () => {
    const a = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
    await answerEverything(t, a.vendorToken, a.assessmentId);
    await submit(a).expect(200);
    await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
    await triageDrafts(t, buyer.riskManager, a.assessmentId);
    const decision = await api()
      .post(`/api/v1/assessments/${a.assessmentId}/decision`)
      .set(bearer(buyer.riskManager))
      .send({ outcome: 'approved_with_conditions', rationale: 'Approved once the pen test is shared', conditions: [{ text: 'Share the latest penetration test', dueDate: inAMonth() }] })
      .expect(200);
    const condition = decision.body.conditions[0];
    const locked = await upload(a, [file(realPdf('Pen test'))]).expect(409);
    expect(locked.body.code).toBe('answers_locked');
    await upload(a, [{ name: 'conditionId', value: crypto.randomUUID() }, file(realPdf('Pen test'))]).expect(422);
    await upload(a, [{ name: 'conditionId', value: 'not-an-id' }, file(realPdf('Pen test'))]).expect(400);
    const stranger = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
    await upload({ ...a, vendorToken: stranger.vendorToken }, [{ name: 'conditionId', value: condition.id }, file(realPdf('Not yours'))]).expect(404);
    const report = (await upload(a, [{ name: 'conditionId', value: condition.id }, file(realPdf('Pen test 2026'))]).expect(201)).body;
    expect(report.conditionId).toBe(condition.id);
    const listed = await api().get(`/api/v1/conditions?assessmentId=${a.assessmentId}`).set(bearer(auditor)).expect(200);
    expect(listed.body.items[0].evidenceIds).toEqual([report.id]);
    await api().patch(`/api/v1/conditions/${condition.id}`).set(bearer(buyer.riskManager)).send({ status: 'met', note: 'Pen test report reviewed', evidenceIds: [report.id] }).expect(200);
    const closed = await upload(a, [{ name: 'conditionId', value: condition.id }, file(realPdf('Late'))]).expect(409);
    expect(closed.body.code).toBe('condition_closed');
  });

  it('takes rejected evidence as no proof that a condition is met, and a replacement as proof', async () => {
    const a = await sentAssessment(t, buyer.procurement, { intake: MEDIUM_INTAKE });
    await answerEverything(t, a.vendorToken, a.assessmentId);
    await submit(a).expect(200);
    await api().post(`/api/v1/assessments/${a.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
    await triageDrafts(t, buyer.riskManager, a.assessmentId);
    const decision = await api()
      .post(`/api/v1/assessments/${a.assessmentId}/decision`)
      .set(bearer(buyer.riskManager))
      .send({ outcome: 'approved_with_conditions', rationale: 'Approved once the pen test is shared', conditions: [{ text: 'Share the latest penetration test', dueDate: inAMonth() }] })
      .expect(200);
    const condition = decision.body.conditions[0];
    const patchCondition = (token: string, body: object) => api().patch(`/api/v1/conditions/${condition.id}`).set(bearer(token)).send(body);
    const stale = (await upload(a, [{ name: 'conditionId', value: condition.id }, file(realPdf('Pen test 2019'))]).expect(201)).body;
    await review(buyer.riskManager, stale.id, { status: 'rejected', reason: 'This test is seven years old' }).expect(200);

    const named = await patchCondition(buyer.riskManager, { status: 'met', note: 'Pen test shared', evidenceIds: [stale.id] }).expect(422);
    expect(named.body).toMatchObject({ code: 'evidence_rejected', evidenceIds: [stale.id] });
    const proposed = await patchCondition(buyer.procurement, { status: 'proposed_met', note: 'Pen test shared', evidenceIds: [stale.id] }).expect(422);
    expect(proposed.body.code).toBe('evidence_rejected');
    const onFile = await patchCondition(buyer.riskManager, { status: 'met', note: 'Pen test on file' }).expect(422);
    expect(onFile.body).toMatchObject({ code: 'evidence_rejected', evidenceIds: [stale.id] });
    const unchanged = await api().get(`/api/v1/conditions?assessmentId=${a.assessmentId}`).set(bearer(auditor)).expect(200);
    expect(unchanged.body.items[0]).toMatchObject({ status: 'open', evidenceIds: [stale.id] });

    const fresh = (await upload(a, [{ name: 'conditionId', value: condition.id }, file(realPdf('Pen test 2026'))]).expect(201)).body;
    await patchCondition(buyer.riskManager, { status: 'met', note: 'Pen test 2026 reviewed', evidenceIds: [fresh.id] }).expect(200);
  });
});
