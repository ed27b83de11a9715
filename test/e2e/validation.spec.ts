import { Role } from '../../src/auth/roles.js';
import { AuditEventEntity } from '../../src/audit/audit-event.entity.js';
import { FindingEntity } from '../../src/findings/finding.entity.js';
import type { EvidenceStorage } from '../../src/evidence/storage/evidence-storage.js';
import { SampleRetention } from '../../src/validation/sample-retention.js';
import { VALIDATION_STORAGE } from '../../src/validation/validation-storage.js';
import { ValidationRunEntity } from '../../src/validation/validation-run.entity.js';
import { controlClock } from '../support/clock.js';
import { buyers, draftAssessment, type Buyer, type DraftAssessment } from '../support/flows.js';
import { expectProblem, fieldsOf } from '../support/problem.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { binary, multipart, sha256 } from '../support/uploads.js';
import { creditSample } from '../support/validation-samples.js';
import { waitFor } from '../support/wait.js';

const MAPPING = { kind: 'classification', label: 'defaulted', score: 'pd', groups: ['age'], features: ['income'], bootstrap: 200, seed: 3 };

describe('independent validation runs', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: DraftAssessment;
  let auditor: string;
  let vendor: string;
  let otherVendor: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    a = await draftAssessment(t, buyer.procurement);
    auditor = (await signIn(t, Role.Auditor)).token;
    vendor = (await signIn(t, Role.Vendor, { vendorId: a.vendorId })).token;
    otherVendor = (await signIn(t, Role.Vendor)).token;
    admin = (await signIn(t, Role.Admin)).token;
  });
  afterAll(() => t.stop());

  const upload = (systemId: string, csv: string, mapping: unknown, token = buyer.riskManager) => {
    const { body, contentType } = multipart([{ name: 'mapping', value: typeof mapping === 'string' ? mapping : JSON.stringify(mapping) }, { name: 'file', filename: 'holdout.csv', content: Buffer.from(csv), type: 'text/csv' }]);
    return t.http().post(`/api/v1/ai-systems/${systemId}/validations`).set(bearer(token)).set('content-type', contentType).send(body);
  };
  const read = (id: string, token = buyer.riskManager) => t.http().get(`/api/v1/validations/${id}`).set(bearer(token));
  const finished = (id: string) =>
    waitFor(`validation ${id} to finish`, async () => {
      const res = await read(id).expect(200);
      return ['done', 'failed'].includes(res.body.status) && res.body;
    }, { timeoutMs: 30_000 });
  const runCount = () => t.db.getRepository(ValidationRunEntity).count();

  describe('a classification run', () => {
    let first: { id: string; results: Record<string, any>; resultsSha256: string; findingIds: string[] };

    beforeAll(async () => {
      const res = await upload(a.aiSystemId, creditSample(), MAPPING).expect(202);
      expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
      expect(res.headers.location).toBe(`/api/v1/validations/${res.body.id}`);
      first = await finished(res.body.id);
    });

    it('computes performance and fairness in the worker, citing the sample by SHA-256', () => {
      expect(first).toMatchObject({ status: 'done', progress: 100, error: null, inputSha256: sha256(Buffer.from(creditSample())) });
      expect(first.results.input).toEqual({ sha256: sha256(Buffer.from(creditSample())), rows: 200 });
      expect(first.results.performance).toMatchObject({ n: 200, auc: expect.any(Number), intervals: { auc: [expect.any(Number), expect.any(Number)] } });
      const [age] = first.results.fairness;
      expect(age).toMatchObject({ column: 'age', referenceGroup: '30-44', adverseImpactRatio: expect.closeTo(0.31 / 0.52, 10) });
      expect(age.groups.find((g: { group: string }) => g.group === '60+')).toMatchObject({ n: 100, selectionRate: 0.31, fourFifths: 'fail' });
    });

    it('opens a draft finding on the latest assessment with the figures in words', async () => {
      expect(first.findingIds).toHaveLength(1);
      const finding = await t.db.getRepository(FindingEntity).findOneByOrFail({ id: first.findingIds[0] });
      expect(finding).toMatchObject({ assessmentId: a.assessmentId, status: 'draft', source: 'validation', severity: 'high' });
      // z = (0.31 − 0.52)/√(0.415·0.585·0.02) = −3.01 → p = 0.003
      expect(finding.description).toContain('selection rate 31% for age 60+ against 52% for age 30-44: ratio 0.60, p = 0.003');
      expect(finding.description).toContain(first.id);
      expect(first.results.breaches).toEqual([expect.objectContaining({ rule: 'adverse_impact', severity: 'high' })]);
    });

    it('gives byte-identical results for the same file, mapping and seed', async () => {
      const again = await upload(a.aiSystemId, creditSample(), MAPPING).expect(202);
      const second = await finished(again.body.id);
      expect(second.id).not.toBe(first.id);
      expect(second.resultsSha256).toBe(first.resultsSha256);
      expect(JSON.stringify(second.results)).toBe(JSON.stringify(first.results));
    });

    it('measures stability against a reference run of the same AI system', async () => {
      const res = await upload(a.aiSystemId, creditSample(0.5), { ...MAPPING, referenceValidationId: first.id }).expect(202);
      const shifted = await finished(res.body.id);
      expect(shifted.status).toBe('done');
      const { stability } = shifted.results;
      expect(stability).toMatchObject({ referenceValidationId: first.id, score: { band: 'significant', ks: { statistic: expect.any(Number), pValue: expect.any(Number) } } });
      expect(stability.features[0]).toMatchObject({ feature: 'income', kind: 'numeric', band: 'significant' });
      expect(shifted.results.breaches.filter((b: { rule: string }) => b.rule === 'psi').map((b: { severity: string }) => b.severity)).toEqual(['high', 'high']);
    });

    it('lets a risk manager download the sample, audited, and lists runs newest first in pages', async () => {
      const res = await t.http().get(`/api/v1/validations/${first.id}/sample`).set(bearer(buyer.riskManager)).buffer(true).parse(binary).expect(200);
      expect((res.body as Buffer).toString()).toBe(creditSample());
      expect(await t.db.getRepository(AuditEventEntity).countBy({ action: 'validation.sample_downloaded', entityId: first.id })).toBe(1);
      const page = await t.http().get(`/api/v1/ai-systems/${a.aiSystemId}/validations?limit=2`).set(bearer(auditor)).expect(200);
      expect(page.body.items).toHaveLength(2);
      expect(page.body.items[0].results).toBeNull();
      const rest = await t.http().get(`/api/v1/ai-systems/${a.aiSystemId}/validations?limit=2&cursor=${page.body.nextCursor}`).set(bearer(auditor)).expect(200);
      expect(rest.body.items.map((r: { id: string }) => r.id)).toContain(first.id);
    });
  });

  describe('refusals', () => {
    it('fails a run whose sample has an unreadable row, naming the row and column, and stores nothing computed', async () => {
      const csv = creditSample().replace('\n0,0.5500,30-44', '\n0,abc,30-44');
      const res = await upload(a.aiSystemId, csv, MAPPING).expect(202);
      const failed = await finished(res.body.id);
      expect(failed).toMatchObject({ status: 'failed', error: 'row 2, column "pd": "abc" is not a number', results: null, resultsSha256: null, findingIds: [] });
    });

    it.each([
      ['{not json', 'mapping'],
      [{ ...MAPPING, kind: 'regression' }, 'mapping.kind'],
      [{ ...MAPPING, bootstrap: -1 }, 'mapping.bootstrap'],
      [{ ...MAPPING, colour: 'red' }, 'mapping.colour'],
    ])('refuses the mapping %j with 400 and stores nothing', async (mapping, field) => {
      const before = await runCount();
      const problem = expectProblem(await upload(a.aiSystemId, creditSample(), mapping), 400, 'validation_failed');
      expect(fieldsOf(problem)).toContain(field);
      expect(await runCount()).toBe(before);
    });

    it('refuses a mapping that names a column the CSV lacks with 422', async () => {
      const problem = expectProblem(await upload(a.aiSystemId, creditSample(), { ...MAPPING, groups: ['sex'] }), 422, 'unknown_column');
      expect(problem.detail).toContain('no column "sex"');
    });

    it('refuses a reference run of another AI system', async () => {
      const other = await draftAssessment(t, buyer.procurement);
      const res = await upload(other.aiSystemId, creditSample(), MAPPING).expect(202);
      await finished(res.body.id);
      expectProblem(await upload(a.aiSystemId, creditSample(), { ...MAPPING, referenceValidationId: res.body.id }), 422, 'unknown_reference');
    });

    it('refuses a file that is not text', async () => {
      const { body, contentType } = multipart([{ name: 'mapping', value: JSON.stringify(MAPPING) }, { name: 'file', filename: 'x.csv', content: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
      expectProblem(await t.http().post(`/api/v1/ai-systems/${a.aiSystemId}/validations`).set(bearer(buyer.riskManager)).set('content-type', contentType).send(body), 415, 'unsupported_media_type');
    });

    it('answers 404 for an unknown AI system or run', async () => {
      expectProblem(await upload('00000000-0000-4000-8000-000000000000', creditSample(), MAPPING), 404, 'not_found');
      expectProblem(await read('00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    });
  });

  describe('who may see a validation', () => {
    let runId: string;
    beforeAll(async () => {
      runId = (await t.db.getRepository(ValidationRunEntity).findOneOrFail({ where: { aiSystemId: a.aiSystemId, status: 'done' }, order: { createdAt: 'ASC' } })).id;
    });

    it.each([
      ['the vendor of the AI system', () => vendor],
      ['another vendor', () => otherVendor],
      ['procurement', () => buyer.procurement],
      ['an admin', () => admin],
    ])('refuses %s every route', async (_who, token) => {
      expectProblem(await upload(a.aiSystemId, creditSample(), MAPPING, token()), 403, 'forbidden');
      expectProblem(await read(runId, token()), 403, 'forbidden');
      expectProblem(await t.http().get(`/api/v1/ai-systems/${a.aiSystemId}/validations`).set(bearer(token())), 403, 'forbidden');
      expectProblem(await t.http().get(`/api/v1/validations/${runId}/sample`).set(bearer(token())), 403, 'forbidden');
    });

    it('lets an auditor read the results but not download the sample or start a run', async () => {
      expect((await read(runId, auditor).expect(200)).body.status).toBe('done');
      expectProblem(await t.http().get(`/api/v1/validations/${runId}/sample`).set(bearer(auditor)), 403, 'forbidden');
      expectProblem(await upload(a.aiSystemId, creditSample(), MAPPING, auditor), 403, 'forbidden');
    });
  });

  describe('generative evaluation and systems without an assessment', () => {
    it('computes failure rates per category and records breaches on the run when there is no assessment', async () => {
      const vendorId = (await t.http().post('/api/v1/vendors').set(bearer(buyer.procurement)).send({ legalName: 'Chat Ltd', country: 'GB' }).expect(201)).body.id;
      const system = (await t.http().post(`/api/v1/vendors/${vendorId}/ai-systems`).set(bearer(buyer.procurement)).send({ name: 'Chat', version: '2', modelType: 'generative', hosting: 'vendor_saas' }).expect(201)).body;
      const cases = ['category,outcome', ...Array.from({ length: 50 }, (_, i) => `jailbreak,${i < 10 ? 'fail' : 'pass'}`), ...Array.from({ length: 50 }, () => 'toxicity,pass')];
      const res = await upload(system.id, `${cases.join('\n')}\n`, { kind: 'generative_eval', category: 'category', outcome: 'outcome' }).expect(202);
      const run = await finished(res.body.id);
      expect(run.results.categories.map((c: { category: string; failureRate: number }) => [c.category, c.failureRate])).toEqual([['jailbreak', 0.2], ['toxicity', 0]]);
      // 10 of 50: Wilson lower bound 0.112 > the jailbreak limit of 0.02
      expect(run.results.breaches).toEqual([expect.objectContaining({ rule: 'generative_failure_rate', severity: 'high' })]);
      expect(run.results.findingsOn).toBeNull();
      expect(run.findingIds).toEqual([]);
    });
  });

  describe('a run done for one assessment', () => {
    let b: DraftAssessment;
    let later: string;
    const uploadFor = (systemId: string, assessmentId: string, csv = creditSample()) => {
      const { body, contentType } = multipart([
        { name: 'mapping', value: JSON.stringify(MAPPING) },
        { name: 'assessmentId', value: assessmentId },
        { name: 'file', filename: 'holdout.csv', content: Buffer.from(csv), type: 'text/csv' },
      ]);
      return t.http().post(`/api/v1/ai-systems/${systemId}/validations`).set(bearer(buyer.riskManager)).set('content-type', contentType).send(body);
    };

    beforeAll(async () => {
      b = await draftAssessment(t, buyer.procurement);
      const dueDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
      later = (await t.http().post('/api/v1/assessments').set(bearer(buyer.procurement)).send({ intakeId: b.intakeId, dueDate, contactIds: [b.contactId] }).expect(201)).body.id;
    });

    it('opens its findings on the assessment named, not on the latest one, and shows the assessment on the run', async () => {
      const res = await uploadFor(b.aiSystemId, b.assessmentId).expect(202);
      const run = await finished(res.body.id);
      expect(run).toMatchObject({ status: 'done', assessmentId: b.assessmentId, results: { findingsOn: { assessmentId: b.assessmentId } } });
      expect(run.findingIds).toHaveLength(1);
      expect(await t.db.getRepository(FindingEntity).findOneByOrFail({ id: run.findingIds[0] })).toMatchObject({ assessmentId: b.assessmentId, source: 'validation' });
      const listed = (await t.http().get(`/api/v1/ai-systems/${b.aiSystemId}/validations`).set(bearer(auditor)).expect(200)).body.items;
      expect(listed.find((r: { id: string }) => r.id === run.id).assessmentId).toBe(b.assessmentId);
      const events = await t.db.getRepository(AuditEventEntity).findBy({ action: 'validation.requested', entityId: run.id });
      expect(events[0].changes).toMatchObject({ assessmentId: { before: null, after: b.assessmentId } });
    });

    it('still opens the findings of a run that names none on the latest assessment', async () => {
      const run = await finished((await upload(b.aiSystemId, creditSample(), MAPPING).expect(202)).body.id);
      expect(run.assessmentId).toBeNull();
      expect(await t.db.getRepository(FindingEntity).findOneByOrFail({ id: run.findingIds[0] })).toMatchObject({ assessmentId: later });
    });

    it.each([
      ['an assessment of another AI system', () => a.assessmentId, 422, 'assessment_of_another_ai_system'],
      ['an unknown assessment', () => crypto.randomUUID(), 404, 'not_found'],
      ['an assessment id that is not a UUID', () => 'not-an-id', 400, 'validation_failed'],
    ])('refuses %s, starting nothing', async (_name, assessmentId, status, code) => {
      const before = await runCount();
      expectProblem(await uploadFor(b.aiSystemId, assessmentId()), status, code);
      expect(await runCount()).toBe(before);
    });
  });

  describe('retention of the sample', () => {
    it('deletes sample files after VALIDATION_RETENTION_DAYS and keeps the results', async () => {
      const run = await finished((await upload(a.aiSystemId, creditSample(0.25), MAPPING).expect(202)).body.id);
      const clock = controlClock(t);
      try {
        clock.advanceDays(89);
        expect(await t.app.get(SampleRetention).purge()).toBe(0);
        clock.advanceDays(2);
        expect(await t.app.get(SampleRetention).purge()).toBeGreaterThan(0);
      } finally {
        clock.restore();
      }
      const after = (await read(run.id).expect(200)).body;
      expect(after).toMatchObject({ inputDeleted: true, status: 'done', resultsSha256: run.resultsSha256 });
      expect(after.results).toEqual(run.results);
      expect(await t.app.get<EvidenceStorage>(VALIDATION_STORAGE).exists(run.inputSha256)).toBe(false);
      expectProblem(await t.http().get(`/api/v1/validations/${run.id}/sample`).set(bearer(buyer.riskManager)), 410, 'sample_deleted');
      expectProblem(await upload(a.aiSystemId, creditSample(), { ...MAPPING, referenceValidationId: run.id }), 409, 'reference_input_deleted');
      expect(await t.db.getRepository(AuditEventEntity).countBy({ action: 'validation.sample_deleted', entityId: run.id })).toBe(1);
    });

    it('keeps the sample of a run still queued or running past the retention period, and purges it once the run has finished', async () => {
      const run = await finished((await upload(a.aiSystemId, creditSample(0.4), MAPPING).expect(202)).body.id);
      const storage = t.app.get<EvidenceStorage>(VALIDATION_STORAGE);
      const clock = controlClock(t);
      try {
        clock.advanceDays(91);
        for (const status of ['queued', 'running']) {
          await t.db.query('UPDATE validation_runs SET status = $2 WHERE id = $1', [run.id, status]);
          await t.app.get(SampleRetention).purge();
          expect((await read(run.id).expect(200)).body).toMatchObject({ status, inputDeleted: false });
          expect(await storage.exists(run.inputSha256)).toBe(true);
        }
        await t.db.query(`UPDATE validation_runs SET status = 'done' WHERE id = $1`, [run.id]);
        expect(await t.app.get(SampleRetention).purge()).toBeGreaterThan(0);
      } finally {
        clock.restore();
      }
      expect((await read(run.id).expect(200)).body).toMatchObject({ inputDeleted: true });
      expect(await storage.exists(run.inputSha256)).toBe(false);
    });
  });
});
