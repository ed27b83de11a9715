import { step } from '../support/browser.js';
import { accept, autosaved, expectAccessible, invitation, SLOW, startPortalRig, type PortalRig } from '../support/portal.js';
import { Role } from '../../src/auth/roles.js';
import { PASSWORD, signIn, type TestApp } from '../support/test-app.js';

const SOC2 = 'Do you have a SOC 2 Type II report whose scope includes this system?';

describe('invitation links and sign-in in the portal', () => {
  let rig: PortalRig;
  let t: TestApp;

  beforeAll(async () => {
    rig = await startPortalRig();
    t = rig.t;
  }, SLOW);
  afterAll(() => rig?.stop());

  it('says in words that a forged link does not work, and whom to ask', async () => {
    const { page, context } = await rig.chrome.visitor();
    await step(page, 'forged link', async () => {
      await page.goto(`${rig.base}/invite#token=${'forged'.repeat(8)}`);
      await page.getByLabel('Your name').fill('Mallory');
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.getByRole('heading', { name: 'This invitation link does not work' }).waitFor();
      await page.getByText('Ask the person who sent you the invitation for a new link').waitFor();
      await expectAccessible(page);
    });
    await context.close();
  }, SLOW);

  it('says that an expired link has expired, names who sent it, and does not sign in', async () => {
    const sent = await invitation(rig);
    await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE assessment_id = $1`, [sent.assessmentId]);
    const { page, context } = await rig.chrome.visitor();
    await step(page, 'expired link', async () => {
      await page.goto(sent.link);
      await page.getByLabel('Your name').fill('Sam Lee');
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.getByText('This invitation link has expired.').waitFor();
      const [sender] = await t.db.query('SELECT u.email FROM invitations i JOIN users u ON u.id = i.created_by WHERE i.assessment_id = $1', [sent.assessmentId]);
      await page.getByRole('link', { name: sender.email }).waitFor();
      await expectAccessible(page);
      expect((await context.cookies()).map((c) => c.name)).not.toContain('assay_session');
    });
    await context.close();
  }, SLOW);

  it('says that a link used already no longer works', async () => {
    const sent = await invitation(rig);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(sent.link)![1];
    await t.http().post('/api/v1/auth/invitations/accept').send({ token, name: 'Sam Lee' }).expect(200);
    const { page, context } = await rig.chrome.visitor();
    await step(page, 'used link', async () => {
      await page.goto(sent.link);
      await page.getByLabel('Your name').fill('Someone Else');
      await page.getByRole('button', { name: 'Accept invitation' }).click();
      await page.getByRole('heading', { name: 'This invitation link does not work' }).waitFor();
      await page.getByText('This invitation link has been used already.').waitFor();
    });
    await context.close();
  }, SLOW);

  it('says that a link without its token is incomplete', async () => {
    const { page, context } = await rig.chrome.visitor();
    await step(page, 'incomplete link', async () => {
      await page.goto(`${rig.base}/invite`);
      await page.getByText('The link is incomplete').waitFor();
      await expectAccessible(page);
    });
    await context.close();
  }, SLOW);

  it('works at 360 px and with the keyboard, and signs out and back in with the password chosen', async () => {
    const sent = await invitation(rig);
    const { page, context } = await rig.chrome.visitor({ width: 360, height: 740 });
    await step(page, 'narrow screen', async () => {
      await accept(page, sent.link, 'a-long-vendor-password');
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page);
      const yes = page.getByRole('group', { name: SOC2 }).getByRole('radio', { name: 'Yes' });
      await yes.focus();
      await page.keyboard.press('Space');
      await expect(yes.isChecked()).resolves.toBe(true);
      await autosaved(t, page, sent.assessmentId, 'ASSUR-01', true);
    });
    await step(page, 'sign out and in', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect((await context.cookies()).map((c) => c.name)).not.toContain('assay_session');
      await page.goto(`${rig.base}/assessments/${sent.assessmentId}`);
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await expectAccessible(page);
      await page.getByLabel('E-mail').fill(sent.contactEmail);
      await page.getByLabel('Password').fill('a-long-vendor-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Due-diligence questionnaire' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/assessments/${sent.assessmentId}`);
      await page.goto(`${rig.base}/`);
      await page.getByRole('heading', { name: 'Your assessments' }).waitFor();
      await expect(page.getByText(/staff pages/).count()).resolves.toBe(0);
      await expectAccessible(page);
      await page.getByRole('link', { name: /^Assessment due / }).click();
      await page.getByRole('heading', { name: 'Due-diligence questionnaire' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/assessments/${sent.assessmentId}`);
    });
    await context.close();
  }, SLOW);

  it('says what to do after a wrong password, and lands a staff user on My work', async () => {
    const auditor = await signIn(t, Role.Auditor);
    const { page, context } = await rig.chrome.visitor();
    await step(page, 'staff notice', async () => {
      await page.goto(`${rig.base}/`);
      await page.getByLabel('E-mail').fill(auditor.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').getByText('check the e-mail and password and try again').waitFor();
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'My work' }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit trail' }).waitFor();
      await expect(page.getByText(/staff pages/).count()).resolves.toBe(0);
      await expectAccessible(page);
    });
    await context.close();
  }, SLOW);
});
