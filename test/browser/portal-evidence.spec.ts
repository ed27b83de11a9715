import { answerEverything } from '../support/flows.js';
import { collectCspViolations, step } from '../support/browser.js';
import { accept, expectAccessible, invitation, SLOW, startPortalRig, type PortalRig } from '../support/portal.js';
import { bearer, type TestApp } from '../support/test-app.js';
import { pdf, sha256 } from '../support/uploads.js';
import { waitFor } from '../support/wait.js';


describe('the vendor\'s documents in the portal', () => {
  let rig: PortalRig;
  let t: TestApp;

  beforeAll(async () => {
    rig = await startPortalRig();
    t = rig.t;
  }, SLOW);
  afterAll(() => rig?.stop());

  async function vendorKey(email: string): Promise<string> {
    const [user] = await t.db.query('SELECT id FROM users WHERE email = $1', [email]);
    return (await t.http().post('/api/v1/api-keys').set(bearer(t.adminToken)).send({ name: 'test answers', userId: user.id }).expect(201)).body.token as string;
  }

  it('dates an upload, offers it for download, attaches evidence to a remediation item and forgets unsent answers on sign-out', async () => {
    const sent = await invitation(rig);
    const { page, context } = await rig.chrome.visitor();
    const blocked = collectCspViolations(page);
    const document = Buffer.from('Sub-processor list\n'.repeat(50));

    await step(page, 'dated upload with a download link', async () => {
      await accept(page, sent.link);
      await page.getByLabel('Document date of evidence for SUPPLY-02').fill('2026-10-15');
      await page.getByLabel('Valid until of evidence for SUPPLY-02').fill('2027-10-14');
      await page.getByLabel('Upload evidence for SUPPLY-02').setInputFiles({ name: 'subprocessors.txt', mimeType: 'text/plain', buffer: document });
      const files = page.getByRole('list', { name: 'Evidence for SUPPLY-02' });
      await files.getByText(sha256(document)).waitFor();
      await files.getByText('dated 15 Oct 2026', { exact: false }).waitFor();
      await files.getByText('valid until 14 Oct 2027', { exact: false }).waitFor();
      await files.getByText(`${document.length} bytes`, { exact: false }).waitFor();
      const [row] = await t.db.query('SELECT document_date::text AS "documentDate", expires_at::text AS "expiresAt" FROM evidence WHERE assessment_id = $1', [sent.assessmentId]);
      expect(row).toEqual({ documentDate: '2026-10-15', expiresAt: '2027-10-14' });
      const link = files.getByRole('link', { name: 'subprocessors.txt' });
      const download = await context.request.get(new URL((await link.getAttribute('href'))!, page.url()).toString());
      expect({ status: download.status(), body: (await download.body()).equals(document) }).toEqual({ status: 200, body: true });
      await expectAccessible(page);
    });

    await step(page, 'evidence for a remediation item', async () => {
      await answerEverything(t, await vendorKey(sent.contactEmail), sent.assessmentId);
      await t.http().post(`/api/v1/assessments/${sent.assessmentId}/submit`).set(bearer(await vendorKey(sent.contactEmail))).expect(200);
      await t.http().post(`/api/v1/assessments/${sent.assessmentId}/start-review`).set(bearer(rig.buyer.riskManager)).expect(200);
      const finding = (await t.http().post(`/api/v1/assessments/${sent.assessmentId}/findings`).set(bearer(rig.buyer.riskManager)).send({ title: 'Publish a model card', severity: 'medium', visibleToVendor: true }).expect(201)).body.id as string;
      await page.reload();
      const timeline = page.getByRole('list', { name: 'Progress of the assessment' });
      await timeline.waitFor();
      await expect(timeline.getByRole('listitem').allTextContents()).resolves.toEqual(['Answers submitted: done', 'Review by the risk team: now', 'Decision: still to come']);
      await expect(timeline.locator('[aria-current="step"]').textContent()).resolves.toBe('Review by the risk team: now');
      await page.getByText(/Status: Being reviewed\. Due date: .+ \((in \d+ days|tomorrow|today)\)\./).waitFor();
      const item = page.getByRole('article', { name: 'Publish a model card' });
      const card = pdf('Model card v2');
      await item.getByLabel('Document date of evidence for Publish a model card').fill('2026-11-20');
      await item.getByLabel('Upload evidence for Publish a model card').setInputFiles({ name: 'model-card.pdf', mimeType: 'application/pdf', buffer: card });
      const files = item.getByRole('list', { name: 'Evidence for Publish a model card' });
      await files.getByText(sha256(card)).waitFor();
      await files.getByRole('link', { name: 'model-card.pdf' }).waitFor();
      await expectAccessible(page);
      await page.setViewportSize({ width: 360, height: 800 });
      await expectAccessible(page);
      await item.getByRole('button', { name: 'Report as remediated' }).click();
      await item.getByText('Reported as remediated: waiting for the risk team').waitFor();
      await expect(item.getByLabel('Upload evidence for Publish a model card').count()).resolves.toBe(0);
      const rows = await t.db.query('SELECT original_name AS name, document_date::text AS "documentDate" FROM evidence WHERE finding_id = $1', [finding]);
      expect(rows).toEqual([{ name: 'model-card.pdf', documentDate: '2026-11-20' }]);
    });

    await step(page, 'sign-out forgets unsent answers', async () => {
      const unsent = `assay:unsaved-answers:${sent.assessmentId}`;
      // As the autosave leaves an answer it could not send yet.
      await page.evaluate(`localStorage.setItem(${JSON.stringify(unsent)}, JSON.stringify({ 'USE-01': { value: 'typed while offline' } }))`);
      const kept = () => page.evaluate<string[]>(`Object.keys(localStorage).filter((key) => key.startsWith('assay:unsaved-answers:'))`);
      await expect(kept()).resolves.toEqual([unsent]);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await waitFor('the sign-in page', async () => new URL(page.url()).pathname === '/sign-in');
      await expect(kept()).resolves.toEqual([]);
    });
    expect(blocked).toEqual([]);
    await context.close();
  }, SLOW);
});
