/**
 * A report whose worker died mid-build: the sweep sees no sign of life for the stall time and
 * queues the build again; after the last allowed build the report is failed, saying why, and a
 * new one can be requested.
 */
import { buyers, submittedAssessment, type Buyer, type SentAssessment } from '../support/flows.js';
import { sweep } from '../support/schedules.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

describe('report builds that stopped making progress', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: SentAssessment;

  beforeAll(async () => {
    process.env.REPORT_STALL_SECONDS = '60';
    process.env.REPORT_MAX_BUILDS = '2';
    t = await startTestApp();
    buyer = await buyers(t);
    a = await submittedAssessment(t, buyer.procurement);
  });
  afterAll(async () => {
    delete process.env.REPORT_STALL_SECONDS;
    delete process.env.REPORT_MAX_BUILDS;
    await t.stop();
  });

  /** A report as a killed worker leaves it: `building`, part done, no job left to finish it. */
  async function abandonedBuild(fields: { attempts: number; silentFor: string }): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO reports (assessment_id, status, progress, attempts, started_at, progressed_at)
       VALUES ($1, 'building', 35, $2, now() - $3::interval, now() - $3::interval) RETURNING id`,
      [a.assessmentId, fields.attempts, fields.silentFor],
    );
    return row.id;
  }

  const report = async (id: string) => (await t.http().get(`/api/v1/reports/${id}`).set(bearer(buyer.riskManager)).expect(200)).body;
  const readyReport = (id: string) => waitFor(`report ${id} to be ready`, async () => ((await report(id)).status === 'ready' ? report(id) : undefined), { timeoutMs: 30_000 });

  it('rebuilds a stalled build to ready, and queues it only once', async () => {
    const id = await abandonedBuild({ attempts: 1, silentFor: '1 hour' });
    expect((await sweep(t)).recovered).toEqual({ report_requeued: 1 });
    expect((await sweep(t)).recovered).toEqual({});

    const ready = await readyReport(id);
    expect(ready).toMatchObject({ status: 'ready', progress: 100, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await t.db.query('SELECT attempts FROM reports WHERE id = $1', [id]))[0].attempts).toBe(2);
  }, 60_000);

  it('leaves a build alone that progressed within the stall time', async () => {
    const id = await abandonedBuild({ attempts: 1, silentFor: '10 seconds' });
    expect((await sweep(t)).recovered).toEqual({});
    expect(await report(id)).toMatchObject({ status: 'building', progress: 35 });
    await t.db.query(`UPDATE reports SET status = 'failed' WHERE id = $1`, [id]);
  });

  it('fails a stalled build at its last attempt with the reason, and a new report can then be requested', async () => {
    const id = await abandonedBuild({ attempts: 2, silentFor: '1 hour' });
    expect((await sweep(t)).recovered).toEqual({ report_failed: 1 });

    const failed = await report(id);
    expect(failed).toMatchObject({ status: 'failed', error: 'The build was interrupted or failed 2 times; request a new report', finishedAt: expect.any(String) });
    await t.http().get(`/api/v1/reports/${id}/file`).set(bearer(buyer.riskManager)).expect(409);

    const again = await t.http().post(`/api/v1/assessments/${a.assessmentId}/reports`).set(bearer(buyer.riskManager)).expect(202);
    expect(again.body.id).not.toBe(id);
    expect(await readyReport(again.body.id)).toMatchObject({ status: 'ready', error: null });
  }, 60_000);
});
