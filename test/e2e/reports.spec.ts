import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Role } from '../../src/auth/roles.js';
import { SYSTEM_ACTOR } from '../../src/common/actor.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { ConditionEntity } from '../../src/decisions/condition.entity.js';
import { DecisionStepEntity } from '../../src/decisions/decision-step.entity.js';
import { DecisionEntity } from '../../src/decisions/decision.entity.js';
import { FindingEntity } from '../../src/findings/finding.entity.js';
import { RiskAcceptanceEntity } from '../../src/findings/risk-acceptance.entity.js';
import { job, JobName, QueueName } from '../../src/queue/jobs.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { ReportEntity } from '../../src/reports/report.entity.js';
import { answerEverything, buyers, sentAssessment, type Buyer, type SentAssessment } from '../support/flows.js';
import { parsePdf } from '../support/pdf.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A minimal well-formed PDF with some unique bytes, to upload as evidence. */
function evidencePdf(): Buffer {
  const body = `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Note (${randomBytes(8).toString('hex')}) >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function multipart(fields: Record<string, string>, file: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----assay${randomBytes(8).toString('hex')}`;
  const parts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Model card.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  return { body: Buffer.concat([...parts, head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('due-diligence reports', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: SentAssessment;
  let vendorName: string;
  let evidenceSha: string;

  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    vendorName = `Acme Scoring ${randomBytes(3).toString('hex')} GmbH`;
    a = await sentAssessment(t, buyer.procurement, { vendorName });
    const questions = await t.http().get(`/api/v1/assessments/${a.assessmentId}/questions`).set(bearer(a.vendorToken)).expect(200);
    const content = evidencePdf();
    evidenceSha = sha256(content);
    const { body, contentType } = multipart({ questionIds: questions.body.items[0].id, documentDate: '2020-01-31', expiresAt: '2030-01-31' }, content);
    await t.http().post(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(a.vendorToken)).set('content-type', contentType).send(body).expect(201);
    await answerEverything(t, a.vendorToken, a.assessmentId);
    await t.http().post(`/api/v1/assessments/${a.assessmentId}/submit`).set(bearer(a.vendorToken)).expect(200);
  });
  afterAll(() => t.stop());

  const request = (assessmentId: string, token = buyer.riskManager) => t.http().post(`/api/v1/assessments/${assessmentId}/reports`).set(bearer(token));
  const status = (reportId: string, token = buyer.riskManager) => t.http().get(`/api/v1/reports/${reportId}`).set(bearer(token));
  const download = (reportId: string, token = buyer.riskManager) =>
    t
      .http()
      .get(`/api/v1/reports/${reportId}/file`)
      .set(bearer(token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => done(null, Buffer.concat(chunks)));
      });

  /** Polls the report until it is ready (bounded), failing on a failed build. */
  async function readyReport(reportId: string, timeoutMs = 20_000) {
    return waitFor(
      `report ${reportId} to be ready`,
      async () => {
        const res = await status(reportId).expect(200);
        if (res.body.status === 'failed') throw new Error(`the build failed: ${res.body.error}`);
        return res.body.status === 'ready' ? res.body : undefined;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  async function built(assessmentId = a.assessmentId) {
    const res = await request(assessmentId).expect(202);
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued' });
    expect(res.headers.location).toBe(`/api/v1/reports/${res.body.id}`);
    return readyReport(res.body.id);
  }

  it('builds a PDF of a submitted assessment that a risk manager downloads and reads', async () => {
    const report = await built();
    expect(report).toMatchObject({ assessmentId: a.assessmentId, status: 'ready', progress: 100, error: null, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), finishedAt: expect.any(String) });

    const file = await download(report.id).expect(200);
    const bytes = file.body as Buffer;
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="due-diligence-report-[0-9a-f-]+\.pdf"/);
    expect({ sha256: sha256(bytes), size: bytes.length }).toEqual({ sha256: report.sha256, size: report.size });

    const pdf = await parsePdf(bytes);
    const text = pdf.pages.join('\n');
    expect(pdf.pageCount).toBe(report.pageCount);
    expect(pdf.pageCount).toBeGreaterThan(1);
    expect(pdf.pages[0]).toContain(vendorName);
    expect(text).toContain(evidenceSha);
    expect(text).toContain('Not decided yet');
    expect(pdf.pages[1]).toMatch(/Contents\n1\. Executive summary 3\n2\. Domain scores \d+\n/);
    expect(pdf.pages[1]).toMatch(/7\. Audit trail \(excerpt\) \d+/);
    expect(pdf.pages[pdf.pageCount - 1]).toContain(`Page ${pdf.pageCount} of ${pdf.pageCount}`);
    expect(text).toContain('assessment.submitted');
    expect(pdf.info).toMatchObject({ Creator: 'Assay', Title: expect.stringContaining(vendorName) });

    const [downloaded] = await t.db.query(`SELECT actor_id, changes FROM audit_events WHERE action = 'report.downloaded' AND entity_id = $1`, [report.id]);
    expect(downloaded).toEqual({ actor_id: buyer.riskManagerId, changes: { assessmentId: { before: null, after: a.assessmentId }, sha256: { before: null, after: report.sha256 } } });
  }, 60_000);

  it('gives the same bytes when the same data is built again', async () => {
    const first = await built();
    const second = await built();
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ sha256: first.sha256, size: first.size, pageCount: first.pageCount });
  }, 60_000);

  it('lets procurement, auditors and admins request reports, and not vendors', async () => {
    const auditor = await signIn(t, Role.Auditor);
    await request(a.assessmentId, auditor.token).expect(202);
    await request(a.assessmentId, buyer.procurement).expect(202);
    await request(a.assessmentId, t.adminToken).expect(202);
    const refused = await request(a.assessmentId, a.vendorToken);
    expect(refused.status).toBe(403);
  });

  it('never shows a report to a vendor user, not even its own assessment\'s', async () => {
    const report = await built();
    await status(report.id, a.vendorToken).expect(404);
    const file = await t.http().get(`/api/v1/reports/${report.id}/file`).set(bearer(a.vendorToken));
    expect({ status: file.status, code: file.body.code }).toEqual({ status: 404, code: 'not_found' });
  }, 60_000);

  it('answers 409 for the file while the report is not ready', async () => {
    const pending = await t.db.getRepository(ReportEntity).save({ assessmentId: a.assessmentId, status: 'building' as const });
    const res = await t.http().get(`/api/v1/reports/${pending.id}/file`).set(bearer(buyer.riskManager));
    expect({ status: res.status, code: res.body.code, currentState: res.body.currentState }).toEqual({ status: 409, code: 'report_not_ready', currentState: 'building' });
  });

  it('refuses a report of an assessment the vendor has not submitted', async () => {
    const open = await sentAssessment(t, buyer.procurement);
    const res = await request(open.assessmentId);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'not_submitted' });
    await request(randomUUID()).expect(404);
  });

  it('shows the decision with both risk managers\' names and rationales, its record, conditions, findings and risk acceptances once they exist', async () => {
    const [assessment] = await t.db.query('SELECT ai_system_id, vendor_id, score FROM assessments WHERE id = $1', [a.assessmentId]);
    const finding = await t.db.getRepository(FindingEntity).save({ assessmentId: a.assessmentId, aiSystemId: assessment.ai_system_id, vendorId: assessment.vendor_id, title: 'Drift monitoring is manual', severity: 'high' as const, status: 'accepted' as const, questionIds: [] });
    await t.db.getRepository(RiskAcceptanceEntity).save({ findingId: finding.id, approverId: buyer.riskManagerId, rationale: 'Monthly manual review suffices', expiresAt: '2031-03-31' });
    const decision = await t.db.getRepository(DecisionEntity).save({ assessmentId: a.assessmentId, outcome: 'approved_with_conditions' as const, status: 'final' as const, rationale: 'Controls are adequate for a pre-screening use', decidedBy: buyer.riskManagerId, residualRisk: 'moderate' as const, controlScore: '72.5', score: assessment.score, validUntil: '2027-01-31', finalisedAt: new Date('2026-02-01T10:00:00Z'), confirmedBy: buyer.riskManagerId, confirmationRationale: 'Agreed after the bias audit plan' });
    const step = (step: 'proposed' | 'disagreed' | 'confirmed', actorName: string, rationale: string, at: string) =>
      t.db.getRepository(DecisionStepEntity).save({ assessmentId: a.assessmentId, decisionId: decision.id, step, outcome: 'approved_with_conditions' as const, rationale, actorId: buyer.riskManagerId, actorName, createdAt: new Date(at) });
    const [evidence] = (await t.http().get(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(buyer.riskManager)).expect(200)).body.items;
    await t.http().post(`/api/v1/evidence/${evidence.id}/review`).set(bearer(buyer.riskManager)).send({ status: 'rejected', reason: 'Covers another entity' }).expect(200);
    await step('proposed', 'Alex Proposer', 'Controls are adequate for a pre-screening use', '2026-01-30T10:00:00Z');
    await step('disagreed', 'Dana Second', 'Needs a bias audit plan', '2026-01-31T10:00:00Z');
    await step('confirmed', 'Dana Second', 'Agreed after the bias audit plan', '2026-02-01T10:00:00Z');
    await t.db.getRepository(ConditionEntity).save({ decisionId: decision.id, assessmentId: a.assessmentId, aiSystemId: assessment.ai_system_id, text: 'Share the quarterly bias audit', dueDate: '2026-06-30' });

    const report = await built();
    const text = (await parsePdf((await download(report.id).expect(200)).body as Buffer)).pages.join('\n');
    const shownDecision = ['Alex Proposer', 'Dana Second', 'Confirmation by Dana Second', 'Agreed after the bias audit plan', 'Decision record', 'Needs a bias audit plan', 'disagreed'];
    for (const shown of ['approved with conditions', 'Controls are adequate for a pre-screening use', ...shownDecision, 'Share the quarterly bias audit', 'Drift monitoring is manual', 'accepted until 2031-03-31']) {
      expect(text).toContain(shown);
    }
    expect(text).not.toContain('Not decided yet');
    expect(text.replace(/\s+/g, ' ')).toContain('rejected: Covers another entity');
  }, 60_000);

  describe('when a build cannot finish', () => {
    const reportsRoot = () => join(t.config.dataDir, 'evidence', 'reports');

    it('retries a build whose storage failed, and ends with one ready report', async () => {
      // The store's folder replaced by a plain file: storing fails until it is put back.
      await mkdir(reportsRoot(), { recursive: true });
      const aside = `${reportsRoot()}.aside`;
      await rename(reportsRoot(), aside);
      await writeFile(reportsRoot(), 'not a folder');
      let restored = false;
      const restore = async () => {
        if (restored) return;
        restored = true;
        await rm(reportsRoot(), { force: true });
        await rename(aside, reportsRoot());
      };
      try {
        const { body } = await request(a.assessmentId).expect(202);
        const failedOnce = await waitFor('the first attempt to fail', async () => {
          const [row] = await t.db.query('SELECT status, attempts, error FROM reports WHERE id = $1', [body.id]);
          return row.attempts === 1 && row.status === 'queued' && row.error ? row : undefined;
        });
        expect(failedOnce.error).toMatch(/ENOTDIR|EEXIST|not a directory/i);
        await restore();
        const ready = await readyReport(body.id, 30_000);
        const [row] = await t.db.query('SELECT attempts, storage_key FROM reports WHERE id = $1', [body.id]);
        expect(row).toEqual({ attempts: 2, storage_key: `${ready.sha256.slice(0, 2)}/${ready.sha256.slice(2, 4)}/${ready.sha256}` });
        const leftovers = (await readdir(join(t.config.dataDir, 'uploads'))).filter((name) => name.startsWith('report-'));
        expect(leftovers).toEqual([]);
        const queued = await t.app.get(QueueService).queue(QueueName.Reports).getJob(`build-report.${body.id}`);
        expect(await queued?.getState()).toBe('completed');
      } finally {
        await restore();
      }
    }, 60_000);

    it('fails at once, without retries, when the assessment is gone', async () => {
      // Only a report row whose assessment vanished can show this: the foreign key is bypassed to make one.
      const reportId = await t.db.transaction(async (manager) => {
        await manager.query('SET LOCAL session_replication_role = replica');
        const [row] = await manager.query(`INSERT INTO reports (assessment_id, status) VALUES ($1, 'queued') RETURNING id`, [randomUUID()]);
        return row.id as string;
      });
      await t.app.get(UnitOfWork).run(SYSTEM_ACTOR, async (work) => work.enqueue(job(JobName.BuildReport, { reportId }, reportId)));
      const failed = await waitFor('the report to fail', async () => {
        const res = await status(reportId).expect(200);
        return res.body.status === 'failed' ? res.body : undefined;
      });
      expect(failed).toMatchObject({ status: 'failed', error: 'The assessment of this report no longer exists', sha256: null });
      const queued = await t.app.get(QueueService).queue(QueueName.Reports).getJob(`build-report.${reportId}`);
      expect({ state: await queued?.getState(), attemptsMade: queued?.attemptsMade }).toEqual({ state: 'failed', attemptsMade: 1 });
    });
  });
});
