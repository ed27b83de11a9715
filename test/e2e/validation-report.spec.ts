import { In } from 'typeorm';
import { FindingEntity } from '../../src/findings/finding.entity.js';
import { buyers, CREDIT_INTAKE, submittedAssessment, type Buyer, type SentAssessment } from '../support/flows.js';
import { parsePdf } from '../support/pdf.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { binary, multipart } from '../support/uploads.js';
import { creditSample } from '../support/validation-samples.js';
import { waitFor } from '../support/wait.js';

const MAPPING = { kind: 'classification', label: 'defaulted', score: 'pd', groups: ['age'], bootstrap: 100, seed: 3 };

describe('independent validation in the due-diligence report', () => {
  let t: TestApp;
  let buyer: Buyer;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
  });
  afterAll(() => t.stop());

  async function validated(aiSystemId: string, csv: string, mapping: object = MAPPING) {
    const { body, contentType } = multipart([{ name: 'mapping', value: JSON.stringify(mapping) }, { name: 'file', filename: 'holdout.csv', content: Buffer.from(csv), type: 'text/csv' }]);
    const res = await t.http().post(`/api/v1/ai-systems/${aiSystemId}/validations`).set(bearer(buyer.riskManager)).set('content-type', contentType).send(body).expect(202);
    return waitFor(`validation ${res.body.id} to finish`, async () => {
      const run = (await t.http().get(`/api/v1/validations/${res.body.id}`).set(bearer(buyer.riskManager)).expect(200)).body;
      if (run.status === 'failed') throw new Error(`the run failed: ${run.error}`);
      return run.status === 'done' && run;
    }, { timeoutMs: 30_000 });
  }

  /** Builds a report of the assessment and reads its PDF back: the report and the text of each page. */
  async function reportOf(assessmentId: string) {
    const queued = await t.http().post(`/api/v1/assessments/${assessmentId}/reports`).set(bearer(buyer.riskManager)).expect(202);
    const report = await waitFor(`report ${queued.body.id} to be ready`, async () => {
      const res = await t.http().get(`/api/v1/reports/${queued.body.id}`).set(bearer(buyer.riskManager)).expect(200);
      if (res.body.status === 'failed') throw new Error(`the build failed: ${res.body.error}`);
      return res.body.status === 'ready' && res.body;
    }, { timeoutMs: 30_000, intervalMs: 100 });
    const file = await t.http().get(`/api/v1/reports/${report.id}/file`).set(bearer(buyer.riskManager)).buffer(true).parse(binary).expect(200);
    return { report, pages: (await parsePdf(file.body as Buffer)).pages };
  }

  describe('an AI system with a classification run', () => {
    let a: SentAssessment;
    let run: { id: string; findingIds: string[]; results: Record<string, any> };

    beforeAll(async () => {
      a = await submittedAssessment(t, buyer.procurement);
      run = await validated(a.aiSystemId, creditSample());
    }, 60_000);

    it('adds an "Independent validation" section with the AUC, the adverse impact ratio and the finding the run opened', async () => {
      const { pages } = await reportOf(a.assessmentId);
      const entry = pages[1].match(/^4\. Independent validation (\d+)$/m);
      expect(entry).not.toBeNull();
      expect(pages[1]).toMatch(/^8\. Audit trail \(excerpt\) \d+$/m);
      const start = Number(entry![1]) - 1;
      expect(pages[start].startsWith('4. Independent validation')).toBe(true);
      const section = pages.slice(start).join('\n');
      expect(section).toContain(`Validation run ${run.id}`);
      // Mann-Whitney AUC of the sample: 0.7839...
      expect(section).toMatch(/AUC\s*0\.784/);
      // 31% of the 60+ group against 52% of the 30-44 group
      expect(section).toContain('adverse impact ratio 0.60');
      expect(section).toContain('selection rate 31% for age 60+ against 52% for age 30-44: ratio 0.60');
      expect(run.findingIds).toHaveLength(1);
    }, 60_000);

    it('gives the same bytes when the report is built again on the same runs', async () => {
      const [first, second] = [(await reportOf(a.assessmentId)).report, (await reportOf(a.assessmentId)).report];
      expect(second.sha256).toBe(first.sha256);
    }, 60_000);
  });

  describe("the vendor's claimed AUC", () => {
    // The sample measures AUC 0.7839 (Mann-Whitney); PERF-11 of the core questionnaire, sent for a credit use, is the claim.
    it.each([
      [0.834, 'high', '0.050 below'],
      [0.82, 'medium', '0.036 below'],
    ])('opens a draft finding when the vendor claimed %s: %s, with the figures in words', async (claimed, severity, shortfall) => {
      const claim = await submittedAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE, answers: { 'PERF-11': claimed } });
      const run = await validated(claim.aiSystemId, creditSample());
      const auc = run.results.breaches.filter((b: { rule: string }) => b.rule === 'auc_shortfall');
      expect(auc).toEqual([expect.objectContaining({ severity })]);
      const findings = await t.db.getRepository(FindingEntity).findBy({ id: In(run.findingIds) });
      const finding = findings.find((f) => f.title.startsWith('AUC'))!;
      expect(finding).toMatchObject({ assessmentId: claim.assessmentId, status: 'draft', source: 'validation', severity });
      expect(finding.description).toContain(`AUC 0.784 measured on the bank's sample against ${claimed.toFixed(3)} claimed by the vendor (PERF-11): ${shortfall}`);
    }, 60_000);

    it('opens none when the measured AUC is within 0.03 of the claim', async () => {
      const close = await submittedAssessment(t, buyer.procurement, { intake: CREDIT_INTAKE, answers: { 'PERF-11': 0.81 } });
      const run = await validated(close.aiSystemId, creditSample());
      expect(run.results.breaches.map((b: { rule: string }) => b.rule)).toEqual(['adverse_impact']);
    }, 60_000);
  });

  it('leaves the section out for an AI system without a finished run', async () => {
    const plain = await submittedAssessment(t, buyer.procurement);
    const { pages } = await reportOf(plain.assessmentId);
    expect(pages[1]).not.toContain('Independent validation');
    expect(pages[1]).toMatch(/^7\. Audit trail \(excerpt\) \d+$/m);
  }, 60_000);
});
