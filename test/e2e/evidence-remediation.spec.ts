import { join } from 'node:path';
import { Role } from '../../src/auth/roles.js';
import { buyers, submittedAssessment, type Buyer, type SentAssessment } from '../support/flows.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { file, filesUnder, multipart, pdf, type Part } from '../support/uploads.js';

/** A PDF big enough not to look like a placeholder. */
const realPdf = (title: string) => pdf(`${title} ${'x'.repeat(4000)}`);

describe('evidence for a remediation item', () => {
  let t: TestApp;
  let buyer: Buyer;
  let auditor: string;
  let a: SentAssessment;
  let stranger: SentAssessment;
  const api = () => t.http();

  const upload = (token: string, assessmentId: string, parts: Part[]) => {
    const { body, contentType } = multipart(parts);
    return api().post(`/api/v1/assessments/${assessmentId}/evidence`).set(bearer(token)).set('content-type', contentType).send(body);
  };
  const forFinding = (findingId: string, title = 'Model card v2') => [{ name: 'findingId', value: findingId }, file(realPdf(title), `${title}.pdf`)];
  const raise = async (assessment: SentAssessment, body: object) =>
    (await api().post(`/api/v1/assessments/${assessment.assessmentId}/findings`).set(bearer(buyer.riskManager)).send({ severity: 'medium', ...body }).expect(201)).body.id as string;
  const findingAs = async (token: string, id: string) => (await api().get(`/api/v1/findings/${id}`).set(bearer(token)).expect(200)).body;

  const rows = async () => Number((await t.db.query('SELECT count(*) AS n FROM evidence'))[0].n);
  const stored = () => filesUnder(join(t.config.dataDir, 'evidence'));
  /** A refused upload leaves no row and no stored file, and answers with the given problem. */
  async function refused(res: Promise<{ status: number; body: { code?: string }; headers: Record<string, string> }>, status: number, code: string): Promise<void> {
    const [rowsBefore, storedBefore] = [await rows(), await stored()];
    const answer = await res;
    expect({ status: answer.status, code: answer.body.code, type: answer.headers['content-type'] }).toEqual({ status, code, type: expect.stringMatching(/^application\/problem\+json/) });
    expect({ rows: await rows(), stored: await stored() }).toEqual({ rows: rowsBefore, stored: storedBefore });
  }

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    auditor = (await signIn(t, Role.Auditor)).token;
    a = await submittedAssessment(t, buyer.procurement);
    stranger = await submittedAssessment(t, buyer.procurement);
    for (const s of [a, stranger]) await api().post(`/api/v1/assessments/${s.assessmentId}/start-review`).set(bearer(buyer.riskManager)).expect(200);
  });
  afterAll(() => t.stop());

  it('takes evidence from the vendor for a finding addressed to it after submission, and lists it on the finding for both sides', async () => {
    const finding = await raise(a, { title: 'Publish a model card', visibleToVendor: true });
    const res = await upload(a.vendorToken, a.assessmentId, [{ name: 'documentDate', value: '2026-11-02' }, ...forFinding(finding)]).expect(201);
    expect(res.body).toMatchObject({ findingId: finding, conditionId: null, documentDate: '2026-11-02', name: 'Model card v2.pdf' });
    expect((await findingAs(a.vendorToken, finding)).evidenceIds).toEqual([res.body.id]);
    expect((await findingAs(buyer.riskManager, finding)).evidenceIds).toEqual([res.body.id]);
    const listed = (await api().get(`/api/v1/assessments/${a.assessmentId}/findings`).set(bearer(a.vendorToken)).expect(200)).body.items;
    expect(listed.find((f: { id: string }) => f.id === finding).evidenceIds).toEqual([res.body.id]);
    const events = (await api().get(`/api/v1/audit-events?entityId=${res.body.id}`).set(bearer(auditor)).expect(200)).body.items;
    expect(events[0]).toMatchObject({ action: 'evidence.uploaded', changes: expect.objectContaining({ findingId: { before: null, after: finding } }) });
  });

  it('keeps taking evidence for an unresolved finding after the decision', async () => {
    const finding = await raise(a, { title: 'Document the retraining cadence', visibleToVendor: true });
    await t.db.query(`UPDATE assessments SET status = 'approved' WHERE id = $1`, [a.assessmentId]);
    try {
      await api().patch(`/api/v1/findings/${finding}`).set(bearer(a.vendorToken)).send({ status: 'remediated' }).expect(200);
      const res = await upload(a.vendorToken, a.assessmentId, forFinding(finding, 'Retraining policy')).expect(201);
      expect((await findingAs(buyer.riskManager, finding)).evidenceIds).toEqual([res.body.id]);
    } finally {
      await t.db.query(`UPDATE assessments SET status = 'in_review' WHERE id = $1`, [a.assessmentId]);
    }
  });

  it('still refuses evidence for the answers once they are locked', async () => {
    await refused(upload(a.vendorToken, a.assessmentId, [file(realPdf('Late answer evidence'))]), 409, 'answers_locked');
  });

  it('rejects a vendor attaching evidence to another vendor\'s finding', async () => {
    const theirs = await raise(stranger, { title: 'Their finding', visibleToVendor: true });
    await refused(upload(a.vendorToken, a.assessmentId, forFinding(theirs)), 404, 'not_found');
    await refused(upload(a.vendorToken, stranger.assessmentId, forFinding(theirs)), 404, 'not_found');
    expect((await findingAs(buyer.riskManager, theirs)).evidenceIds).toEqual([]);
  });

  it('treats a hidden or a draft finding as one that does not exist', async () => {
    const hidden = await raise(a, { title: 'Internal: pricing risk' });
    await refused(upload(a.vendorToken, a.assessmentId, forFinding(hidden)), 404, 'not_found');
    const draft = await raise(a, { title: 'Raised by a knockout', visibleToVendor: true });
    await t.db.query(`UPDATE findings SET status = 'draft' WHERE id = $1`, [draft]);
    await refused(upload(a.vendorToken, a.assessmentId, forFinding(draft)), 404, 'not_found');
    await refused(upload(a.vendorToken, a.assessmentId, forFinding(crypto.randomUUID())), 404, 'not_found');
  });

  it('refuses evidence for a finding that is no longer open', async () => {
    const finding = await raise(a, { title: 'Rotate the API keys', visibleToVendor: true });
    await api().patch(`/api/v1/findings/${finding}`).set(bearer(buyer.riskManager)).send({ status: 'dismissed', reason: 'Keys are rotated by the platform' }).expect(200);
    await refused(upload(a.vendorToken, a.assessmentId, forFinding(finding)), 409, 'finding_closed');
  });

  it('refuses a malformed findingId, two of them, or one together with a conditionId', async () => {
    const finding = await raise(a, { title: 'Share the bias audit', visibleToVendor: true });
    await refused(upload(a.vendorToken, a.assessmentId, [{ name: 'findingId', value: 'not-an-id' }, file(realPdf('x'))]), 400, 'validation_failed');
    await refused(upload(a.vendorToken, a.assessmentId, [{ name: 'findingId', value: finding }, ...forFinding(finding)]), 400, 'validation_failed');
    await refused(upload(a.vendorToken, a.assessmentId, [{ name: 'conditionId', value: crypto.randomUUID() }, ...forFinding(finding)]), 400, 'validation_failed');
  });

  it('does not let staff attach evidence to a finding', async () => {
    const finding = await raise(a, { title: 'Explain the fallback', visibleToVendor: true });
    await refused(upload(buyer.riskManager, a.assessmentId, forFinding(finding)), 403, 'forbidden');
  });
});
