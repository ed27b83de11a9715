import { readFile } from 'node:fs/promises';
import { Role } from '../../src/auth/roles.js';
import { step } from '../support/browser.js';
import { answerEverything, draftAssessment } from '../support/flows.js';
import { checkAtBothWidths, invitation, signInAsStaff, SLOW, startPortalRig, type PortalRig } from '../support/portal.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, PASSWORD, signIn, type TestApp } from '../support/test-app.js';

describe('risk managers, auditors and admins in the portal', () => {
  let rig: PortalRig;
  let t: TestApp;

  beforeAll(async () => {
    rig = await startPortalRig();
    t = rig.t;
    await draftAssessment(t, rig.buyer.procurement, { vendorName: 'Contoso Scoring' });
  }, SLOW);
  afterAll(() => rig?.stop());

  it('shows a risk manager what waits for review on My work', async () => {
    const submitted = await invitation(rig, 'Fabrikam Vision');
    const token = /#token=([A-Za-z0-9_-]+)/.exec(submitted.link)![1];
    const vendor = (await t.http().post('/api/v1/auth/invitations/accept').send({ token, name: 'Sam Lee' }).expect(200)).body.token;
    await answerEverything(t, vendor, submitted.assessmentId);
    await t.http().post(`/api/v1/assessments/${submitted.assessmentId}/submit`).set(bearer(vendor)).expect(200);
    const risk = await signIn(t, Role.RiskManager);
    const { page, context } = await rig.chrome.visitor();
    await step(page, 'risk my work', async () => {
      await signInAsStaff(page, rig.base, risk.email, PASSWORD);
      const waiting = page.getByRole('region', { name: /Waiting for me: submitted for review/ });
      await waiting.getByRole('link', { name: /Fabrikam Vision, cycle 1/ }).click();
      await page.getByRole('heading', { name: 'Assessment, cycle 1' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/assessments/${submitted.assessmentId}/status`);
      await page.getByRole('link', { name: 'Open the review workspace for this assessment' }).click();
      await page.waitForURL(`${rig.base}/review/${submitted.assessmentId}`);
      await page.goto(`${rig.base}/admin/api-keys`);
      await page.getByRole('heading', { name: 'You are not allowed to see this page' }).waitFor();
    });
    await context.close();
  }, SLOW);

  it('lets the auditor verify the chain, filter the trail, export the inventory as CSV and read the dashboard', async () => {
    const auditor = await signIn(t, Role.Auditor);
    const { page, context } = await rig.chrome.visitor();
    await step(page, 'auditor my work', async () => {
      await signInAsStaff(page, rig.base, auditor.email, PASSWORD);
      await checkAtBothWidths(page, 'auditor-my-work');
    });
    await step(page, 'verify the chain', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
      await page.getByRole('button', { name: 'Verify chain' }).click();
      const events = Number((await t.db.query('SELECT count(*) AS n FROM audit_events'))[0].n);
      await page.getByRole('status').getByText(`The chain holds: ${events.toLocaleString('en-GB')} events checked, none changed.`).waitFor();
      await page.getByLabel('Entity type').fill('vendor');
      await page.getByRole('row', { name: /intake\.created/ }).first().waitFor({ state: 'detached' });
      await page.getByRole('row', { name: /vendor\.created/ }).first().waitFor();
      await checkAtBothWidths(page, 'auditor-audit-trail');
    });
    await step(page, 'export the inventory', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Model inventory' }).click();
      await page.getByRole('row', { name: /Fabrikam Vision/ }).waitFor();
      await page.getByLabel('Search by system or vendor').fill('Contoso');
      await expect(page.getByRole('row', { name: /Fabrikam Vision/ }).waitFor({ state: 'detached' })).resolves.toBeUndefined();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the inventory as CSV' }).click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe('ai_system_id,ai_system,version,vendor_id,vendor,model_type,hosting,inherent_tier,eu_ai_act_category,approval_status,residual_risk,next_review_date,foundation_model_providers,data_regions');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/,Scorer,1\.0,[0-9a-f-]{36},Contoso Scoring,predictive,vendor_saas,low,/);
      await checkAtBothWidths(page, 'auditor-inventory');
    });
    await step(page, 'dashboard', async () => {
      // A portfolio with figures in it: one assessed system, an approval running out, open findings.
      const [system] = await t.db.query(`SELECT s.id, s.vendor_id FROM ai_systems s JOIN vendors v ON v.id = s.vendor_id WHERE v.legal_name = 'Fabrikam Vision'`);
      await t.db.query(
        `UPDATE ai_systems SET inherent_tier = 'high', residual_risk = 'moderate', approval_status = 'approved_with_conditions', approval_valid_until = current_date + 45, foundation_model_providers = '{OpenAI}' WHERE id = $1`,
        [system.id],
      );
      const [assessment] = await t.db.query('SELECT id FROM assessments WHERE ai_system_id = $1', [system.id]);
      for (const severity of ['high', 'high', 'medium']) {
        await t.db.query(`INSERT INTO findings (assessment_id, ai_system_id, vendor_id, title, severity, status, created_at, updated_at, version) VALUES ($1, $2, $3, 'Gap', $4, 'open', now(), now(), 1)`, [
          assessment.id,
          system.id,
          system.vendor_id,
          severity,
        ]);
      }
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await page.getByRole('heading', { name: 'Portfolio dashboard' }).waitFor();
      for (const figure of ['Inherent tier × residual risk', 'Approvals expiring', 'Open findings by severity and age', 'Concentration on foundation-model providers']) {
        await page.getByRole('heading', { name: figure }).waitFor();
      }
      const heat = page.getByRole('table', { name: 'AI systems by inherent tier (rows) and residual risk (columns)' });
      await expect(heat.getByRole('row', { name: /^High/ }).getByRole('cell').allTextContents()).resolves.toEqual(['0', '1', '0', '0']);
      const expiring = page.getByRole('table', { name: /Approvals expiring/ });
      await expect(expiring.getByRole('row', { name: /Within 60 days/ }).getByRole('cell').textContent()).resolves.toBe('1');
      await expect(expiring.getByRole('row', { name: /Within 30 days/ }).getByRole('cell').textContent()).resolves.toBe('0');
      const findings = page.getByRole('table', { name: /Open findings by severity/ });
      await expect(findings.getByRole('row', { name: /^High/ }).getByRole('cell').allTextContents()).resolves.toEqual(['2', '0', '0', '2']);
      await page.getByRole('img', { name: /Heat map/ }).waitFor();
      await checkAtBothWidths(page, 'auditor-dashboard');
      await page.goto(`${rig.base}/admin/users`);
      await page.getByRole('heading', { name: 'You are not allowed to see this page' }).waitFor();
    });
    await context.close();
  }, SLOW);

  it('lets an admin create a user, change its role, deactivate it, and create and revoke an API key shown once', async () => {
    const { page, context } = await rig.chrome.visitor();
    await step(page, 'create a user', async () => {
      await signInAsStaff(page, rig.base, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
      await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
      await page.getByLabel('Name', { exact: true }).fill('Robin Reviewer');
      await page.getByLabel('E-mail').fill('robin.reviewer@bank.example');
      await page.getByLabel('Role', { exact: true }).first().selectOption('risk_manager');
      await page.getByLabel('First password').fill('short');
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('alert').getByText('The user was not created').waitFor();
      await expect(page.getByLabel('First password').getAttribute('aria-invalid')).resolves.toBe('true');
      await checkAtBothWidths(page, 'admin-users-error');
      await page.getByLabel('First password').fill('a-long-first-password');
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByText('Robin Reviewer (robin.reviewer@bank.example) can now sign in as Risk manager.').waitFor();
      const row = page.getByRole('row', { name: /Robin Reviewer/ });
      await row.getByLabel('Role of Robin Reviewer', { exact: true }).selectOption('auditor');
      await row.getByRole('button', { name: 'Change role of Robin Reviewer' }).click();
      await row.getByRole('button', { name: 'Change role of Robin Reviewer' }).and(page.locator(':disabled')).waitFor();
      await row.getByRole('button', { name: 'Deactivate Robin Reviewer' }).click();
      await row.getByRole('button', { name: 'Reactivate Robin Reviewer' }).waitFor();
      const stored = (await t.db.query(`SELECT role, disabled_at IS NOT NULL AS disabled FROM users WHERE email = 'robin.reviewer@bank.example'`))[0];
      expect(stored).toEqual({ role: 'auditor', disabled: true });
      await checkAtBothWidths(page, 'admin-users');
    });
    await step(page, 'create and revoke an API key', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
      await page.getByLabel('Key name').fill('GRC sync');
      await page.getByRole('button', { name: 'Create key' }).click();
      const secret = await page.getByLabel('New key GRC sync').inputValue();
      await t.http().get('/api/v1/me').set(bearer(secret)).expect(200);
      await checkAtBothWidths(page, 'admin-api-key-created');
      await page.getByRole('button', { name: 'I have copied it' }).click();
      await expect(page.getByLabel('New key GRC sync').count()).resolves.toBe(0);
      const storage = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })');
      expect(storage).not.toContain(secret);
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Revoke GRC sync' }).click();
      await page.getByRole('row', { name: /GRC sync/ }).getByText(/^Revoked /).waitFor();
      await t.http().get('/api/v1/me').set(bearer(secret)).expect(401);
    });
    await context.close();
  }, SLOW);
});
