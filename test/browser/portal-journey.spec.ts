import { answerEverything } from '../support/flows.js';
import { collectCspViolations, step } from '../support/browser.js';
import { accept, autosaved, expectAccessible, invitation, saved, SLOW, startPortalRig, storedAnswer, type PortalRig } from '../support/portal.js';
import { approveInSql } from '../support/schedules.js';
import { bearer, type TestApp } from '../support/test-app.js';
import { pdf, sha256, WINDOWS_EXE } from '../support/uploads.js';
import { waitFor } from '../support/wait.js';

const PURPOSE = 'What is the intended purpose of the AI system, and which tasks does it perform?';
const PROVIDERS = 'Which foundation-model or other third-party model providers does the system depend on, and for which functions?';
const SOC2 = 'Do you have a SOC 2 Type II report whose scope includes this system?';
const SOC2_UPLOAD = 'Please upload the latest SOC 2 Type II report.';

describe('the vendor answers in the portal', () => {
  let rig: PortalRig;
  let t: TestApp;

  beforeAll(async () => {
    rig = await startPortalRig();
    t = rig.t;
  }, SLOW);
  afterAll(() => rig?.stop());

  it('follows the mailed link, answers with autosave, uploads evidence, sees the gaps, submits, answers a clarification and works on a remediation item', async () => {
    const sent = await invitation(rig);
    const { page, context } = await rig.chrome.visitor();
    const blocked = collectCspViolations(page);

    await step(page, 'invite page', async () => {
      await page.goto(sent.link);
      await page.getByRole('heading', { name: 'Your invitation' }).waitFor();
      await expectAccessible(page);
      await accept(page, sent.link);
    });
    expect(new URL(page.url()).pathname).toBe(`/assessments/${sent.assessmentId}`);

    await step(page, 'session is a cookie scripts cannot read', async () => {
      const storage = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie');
      expect(storage).not.toMatch(/assay_[A-Za-z0-9_-]{40}/);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'assay_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      await expectAccessible(page);
    });

    await step(page, 'conditional question', async () => {
      const soc2 = page.getByRole('group', { name: SOC2 });
      await expect(page.getByRole('group', { name: SOC2_UPLOAD }).count()).resolves.toBe(0);
      await soc2.getByRole('radio', { name: 'Yes' }).check();
      await page.getByRole('group', { name: SOC2_UPLOAD }).waitFor();
      await soc2.getByRole('radio', { name: 'No' }).check();
      await page.getByRole('group', { name: SOC2_UPLOAD }).waitFor({ state: 'detached' });
      await soc2.getByRole('radio', { name: 'Yes' }).check();
      await page.getByRole('group', { name: SOC2_UPLOAD }).waitFor();
    });

    await step(page, 'autosave across a reload', async () => {
      await page.getByLabel(PURPOSE).fill('Scores loan applications for pre-screening.');
      await autosaved(t, page, sent.assessmentId, 'USE-01', 'Scores loan applications for pre-screening.');
      await page.reload();
      await expect(page.getByLabel(PURPOSE).inputValue()).resolves.toBe('Scores loan applications for pre-screening.');
    });

    await step(page, 'autosave across a dropped connection', async () => {
      await context.setOffline(true);
      await page.getByLabel(PROVIDERS).fill('A hosted foundation model for summaries.');
      await page.getByRole('status').filter({ hasText: 'Not saved — retrying' }).waitFor();
      expect(await storedAnswer(t, sent.assessmentId, 'SUPPLY-01')).toBeUndefined();
      await context.setOffline(false);
      await page.reload();
      await expect(page.getByLabel(PROVIDERS).inputValue()).resolves.toBe('A hosted foundation model for summaries.');
      await autosaved(t, page, sent.assessmentId, 'SUPPLY-01', 'A hosted foundation model for summaries.');
    });

    await step(page, 'evidence upload', async () => {
      const report = pdf('SOC 2 Type II');
      const upload = page.getByRole('group', { name: SOC2_UPLOAD });
      await upload.getByLabel('Upload evidence for ASSUR-02').setInputFiles({ name: 'soc2-report.pdf', mimeType: 'application/pdf', buffer: report });
      await upload.getByText(sha256(report)).waitFor();
      const files = upload.getByRole('list', { name: 'Evidence for ASSUR-02' });
      await files.getByText('soc2-report.pdf', { exact: true }).waitFor();
      await files.getByText(`${report.length} bytes`, { exact: false }).waitFor();
      await upload.getByLabel('Upload evidence for ASSUR-02').setInputFiles({ name: 'tool.exe', mimeType: 'application/octet-stream', buffer: WINDOWS_EXE });
      await upload.getByRole('alert').filter({ hasText: 'The file was not stored' }).waitFor();
      await expectAccessible(page);
    });

    await step(page, 'a gap stops the submission', async () => {
      await page.getByRole('link', { name: /^SUPPLY-02: / }).waitFor();
      await page.getByRole('button', { name: 'Submit assessment' }).click();
      await page.getByRole('alert').filter({ hasText: 'items are missing' }).waitFor();
      expect((await t.db.query('SELECT status FROM assessments WHERE id = $1', [sent.assessmentId]))[0].status).toBe('in_progress');
    });

    await step(page, 'submit', async () => {
      await answerEverything(t, await vendorKey(sent.contactEmail), sent.assessmentId);
      await page.reload();
      await page.getByText('Everything required is answered').waitFor();
      await page.getByRole('button', { name: 'Submit assessment' }).click();
      await page.getByRole('heading', { name: 'What happens next' }).waitFor();
      await expect(page.getByLabel(PURPOSE).isDisabled()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: 'Submit assessment' }).count()).resolves.toBe(0);
      await expectAccessible(page);
    });

    await step(page, 'clarification round', async () => {
      await t.http().post(`/api/v1/assessments/${sent.assessmentId}/start-review`).set(bearer(rig.buyer.riskManager)).expect(200);
      const message = 'Please name the tasks the system performs in more detail.';
      await t.http().post(`/api/v1/assessments/${sent.assessmentId}/clarifications`).set(bearer(rig.buyer.riskManager)).send({ questionIds: ['USE-01'], message }).expect(201);
      await page.reload();
      await page.getByRole('heading', { name: 'The reviewer asks for more' }).waitFor();
      await page.getByText(message).waitFor();
      await expect(page.getByLabel(PROVIDERS).isDisabled()).resolves.toBe(true);
      // The gap links and the reviewer's links lead to the question's anchor, which says it was reopened.
      await page.locator('#q-USE-01').getByText('Reopened by the reviewer').waitFor();
      await page.getByRole('link', { name: 'USE-01', exact: true }).click();
      expect(new URL(page.url()).hash).toBe('#q-USE-01');
      await page.getByLabel(PURPOSE).fill('Scores applications and explains the main reasons for each score.');
      await autosaved(t, page, sent.assessmentId, 'USE-01', 'Scores applications and explains the main reasons for each score.');
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Resubmit assessment' }).click();
      await page.getByRole('heading', { name: 'What happens next' }).waitFor();
      expect((await t.db.query('SELECT status FROM assessments WHERE id = $1', [sent.assessmentId]))[0].status).toBe('submitted');
    });

    await step(page, 'remediation items', async () => {
      await t.http().post(`/api/v1/assessments/${sent.assessmentId}/start-review`).set(bearer(rig.buyer.riskManager)).expect(200);
      const finding = async (body: object) =>
        (await t.http().post(`/api/v1/assessments/${sent.assessmentId}/findings`).set(bearer(rig.buyer.riskManager)).send(body).expect(201)).body.id as string;
      const addressed = await finding({ title: 'Publish a model card', description: 'No model card was provided.', severity: 'medium', visibleToVendor: true });
      await finding({ title: 'Internal note on pricing', severity: 'low' });
      await page.reload();
      const item = page.getByRole('article', { name: 'Publish a model card' });
      await item.waitFor();
      await expect(page.getByText('Internal note on pricing').count()).resolves.toBe(0);
      await item.getByLabel('Your remediation plan').fill('We publish the model card with the next release.');
      await item.getByRole('button', { name: 'Save the plan' }).click();
      await item.getByText('Plan given: in progress').waitFor();
      await item.getByLabel('Progress note').fill('Draft card written; in legal review.');
      await item.getByRole('button', { name: 'Add progress note' }).click();
      await item.getByText('Draft card written; in legal review.').waitFor();
      await expectAccessible(page);
      await item.getByRole('button', { name: 'Report as remediated' }).click();
      await item.getByText('Reported as remediated: waiting for the risk team').waitFor();
      const [row] = await t.db.query('SELECT status, remediation_plan FROM findings WHERE id = $1', [addressed]);
      expect(row).toEqual({ status: 'remediated', remediation_plan: 'We publish the model card with the next release.' });
    });
    expect(blocked).toEqual([]);
    await context.close();
  }, SLOW);

  it('marks carried-forward answers and confirms them one by one or all at once', async () => {
    const first = await invitation(rig);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(first.link)![1];
    const vendor = (await t.http().post('/api/v1/auth/invitations/accept').send({ token, name: 'Sam Lee' }).expect(200)).body.token as string;
    await answerEverything(t, vendor, first.assessmentId);
    await t.http().post(`/api/v1/assessments/${first.assessmentId}/submit`).set(bearer(vendor)).expect(200);
    await approveInSql(t, first.assessmentId, new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10));
    const next = (await t.http().post(`/api/v1/ai-systems/${first.aiSystemId}/reassess`).set(bearer(rig.buyer.riskManager)).send({ reason: 'scope_change' }).expect(201)).body.id as string;
    await t.http().post(`/api/v1/assessments/${next}/send`).set(bearer(rig.buyer.procurement)).expect(200);
    const mail = await rig.smtp.waitForMail((m) => m.envelopeTo.includes(first.contactEmail) && !m.text!.includes(token));
    const link = /http:\/\/\S+\/invite#token=[A-Za-z0-9_-]+/.exec(mail.text!)![0];
    const suggested = async () => Number((await t.db.query('SELECT count(*) AS n FROM responses WHERE assessment_id = $1 AND suggested', [next]))[0].n);
    expect(await suggested()).toBeGreaterThan(1);

    const { page, context } = await rig.chrome.visitor();
    await step(page, 'carried forward', async () => {
      await accept(page, link);
      expect(new URL(page.url()).pathname).toBe(`/assessments/${next}`);
      await page.getByRole('link', { name: /^USE-01: / }).waitFor();
      await page.getByRole('button', { name: 'Confirm this answer to USE-01' }).click();
      await waitFor('USE-01 confirmed', async () => (await t.db.query('SELECT suggested FROM responses WHERE assessment_id = $1 AND question_id = $2', [next, 'USE-01']))[0].suggested === false);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Confirm all carried-forward answers' }).click();
      await waitFor('every answer confirmed', async () => (await suggested()) === 0);
      // Evidence is not carried forward, so the documents of the new cycle may still be missing; no confirmation is.
      await page.getByRole('heading', { name: 'Submit' }).waitFor();
      await waitFor('no confirmation still asked for', async () => (await page.getByText('your confirmation of the carried-forward answer').count()) === 0);
    });
    await context.close();
  }, SLOW);

  it('shows the progress of a slow upload, then the stored file', async () => {
    const sent = await invitation(rig);
    const { page, context } = await rig.chrome.visitor();
    await step(page, 'upload progress', async () => {
      await accept(page, sent.link);
      // A slow uplink, so that the upload lasts long enough to watch.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });
      const document = Buffer.from('Sub-processor list\n'.repeat(100_000));
      await page.getByLabel('Upload evidence for SUPPLY-02').setInputFiles({ name: 'subprocessors.txt', mimeType: 'text/plain', buffer: document });
      const bar = page.getByRole('progressbar', { name: 'Uploading subprocessors.txt' });
      await bar.waitFor();
      await waitFor('some bytes sent', async () => Number(await bar.getAttribute('value')) > 0, { timeoutMs: 10_000 });
      await page.getByRole('list', { name: 'Evidence for SUPPLY-02' }).getByText(sha256(document)).waitFor({ timeout: 60_000 });
      await expect(bar.count()).resolves.toBe(0);
    });
    await context.close();
  }, SLOW);

  /** An API key for the vendor user, to answer the rest of a long questionnaire quickly. */
  async function vendorKey(email: string): Promise<string> {
    const [user] = await t.db.query('SELECT id FROM users WHERE email = $1', [email]);
    const key = await t.http().post('/api/v1/api-keys').set(bearer(t.adminToken)).send({ name: 'test answers', userId: user.id }).expect(201);
    return key.body.token as string;
  }
});
