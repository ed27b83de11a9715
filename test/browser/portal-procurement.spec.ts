import { Role } from '../../src/auth/roles.js';
import { step } from '../support/browser.js';
import { checkAtBothWidths, signInAsStaff, SLOW, startPortalRig, type PortalRig } from '../support/portal.js';
import { bearer, PASSWORD, signIn, type TestApp } from '../support/test-app.js';

const count = async (t: TestApp, table: string) => Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

describe('procurement in the portal', () => {
  let rig: PortalRig;
  let t: TestApp;

  beforeAll(async () => {
    rig = await startPortalRig();
    t = rig.t;
  }, SLOW);
  afterAll(() => rig?.stop());

  it('registers a vendor, a contact and an AI system, sees the tier change live in the intake, and sends the questionnaire', async () => {
    const buyer = await signIn(t, Role.Procurement, { name: 'Pat Buyer' });
    const { page, context } = await rig.chrome.visitor();
    const contactEmail = 'dana.ortiz@northwind.example';

    await step(page, 'my work', async () => {
      await signInAsStaff(page, rig.base, buyer.email, PASSWORD);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Vendors' }).waitFor();
      await expect(nav.getByRole('link', { name: 'Users' }).count()).resolves.toBe(0);
      await expect(nav.getByRole('link', { name: 'Audit trail' }).count()).resolves.toBe(0);
      await page.getByRole('heading', { name: /^Overdue/ }).waitFor();
      await checkAtBothWidths(page, 'procurement-my-work');
      const storage = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie');
      expect(storage).not.toMatch(/assay_[A-Za-z0-9_-]{40}/);
    });

    await step(page, 'register a vendor', async () => {
      for (let i = 0; i < 26; i++) {
        await t.http().post('/api/v1/vendors').set(bearer(buyer.token)).send({ legalName: `Listed Vendor ${String(i).padStart(2, '0')}`, country: 'DE', tags: i % 2 ? ['lending'] : [] }).expect(201);
      }
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Vendors' }).click();
      await page.getByRole('link', { name: 'Listed Vendor 00' }).waitFor();
      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByRole('link', { name: 'Listed Vendor 25' }).waitFor();
      await page.getByRole('navigation', { name: 'Pages' }).getByText('Page 2').waitFor();
      await expect(page.getByRole('button', { name: 'Next page' }).isDisabled()).resolves.toBe(true);
      await page.getByLabel('Tag').fill('lending');
      await page.getByRole('link', { name: 'Listed Vendor 01' }).waitFor();
      await page.getByRole('navigation', { name: 'Pages' }).waitFor({ state: 'detached' });
      await page.getByLabel('Search by name').fill('Vendor 0');
      await page.getByRole('link', { name: 'Listed Vendor 11' }).waitFor({ state: 'detached' });
      await expect(page.getByRole('link', { name: /^Listed Vendor/ }).allTextContents()).resolves.toEqual(['Listed Vendor 01', 'Listed Vendor 03', 'Listed Vendor 05', 'Listed Vendor 07', 'Listed Vendor 09']);
      await checkAtBothWidths(page, 'procurement-vendors');
      await page.getByRole('link', { name: 'Register a vendor' }).click();
      await page.getByRole('heading', { name: 'Register a vendor' }).waitFor();
      await page.getByLabel('Legal name').fill('Northwind Credit AI Ltd');
      await page.getByLabel('Country').fill('X1');
      await page.getByRole('button', { name: 'Register vendor' }).click();
      // The refusal stands next to the field it names, and the field says it is invalid.
      const country = page.getByRole('textbox', { name: 'Country' });
      await page.locator('.field-error').first().waitFor();
      await expect(country.getAttribute('aria-invalid')).resolves.toBe('true');
      const describedBy = (await country.getAttribute('aria-describedby'))!.split(' ').pop()!;
      await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toMatch(/country must be/i);
      await checkAtBothWidths(page, 'procurement-new-vendor-error');
      await country.fill('GB');
      await page.getByRole('button', { name: 'Register vendor' }).click();
      await page.getByRole('heading', { name: 'Northwind Credit AI Ltd' }).waitFor();
    });

    await step(page, 'add a contact and an AI system', async () => {
      await page.getByText('Add a contact').click();
      await page.getByLabel('Contact name').fill('Dana Ortiz');
      await page.getByLabel('Contact e-mail').fill(contactEmail);
      await page.getByRole('button', { name: 'Add contact' }).click();
      await page.getByRole('listitem').filter({ hasText: contactEmail }).waitFor();
      await page.getByText('Register an AI system').click();
      await page.getByLabel('System name').fill('LoanLens');
      await page.getByLabel('Version').fill('2.1');
      await page.getByLabel('Model type').selectOption('generative');
      await page.getByLabel('Hosting').selectOption('vendor_api');
      await page.getByLabel('Foundation-model providers').fill('OpenAI, Anthropic');
      await page.getByLabel('Data regions').fill('EU, UK');
      await page.getByRole('button', { name: 'Register AI system' }).click();
      await page.getByRole('heading', { name: /LoanLens/ }).waitFor();
      await page.getByText('OpenAI, Anthropic', { exact: true }).waitFor();
      await checkAtBothWidths(page, 'procurement-vendor');
    });

    await step(page, 'intake with the tier live', async () => {
      await page.getByRole('link', { name: 'Fill the intake for LoanLens' }).click();
      await page.getByRole('heading', { name: 'Intake for LoanLens' }).waitFor();
      await page.getByLabel('Use case').fill('Pre-screen consumer loan applications');
      const choose = (question: RegExp, option: string | RegExp) => page.getByRole('group', { name: question }).getByRole('radio', { name: option }).check();
      await choose(/role will the system's output play/, /No decisions are based on it/);
      await choose(/most sensitive data/, 'Internal business information');
      // By keyboard: focus the first option and move with the arrow key, as radios do.
      const exposure = page.getByRole('group', { name: /Who will interact/ });
      await exposure.getByRole('radio', { name: 'Our customers or applicants' }).focus();
      await page.keyboard.press('ArrowUp');
      await expect(exposure.getByRole('radio', { name: 'Our staff only' }).isChecked()).resolves.toBe(true);
      await choose(/high-risk areas of Annex III/, 'None of these');
      await choose(/generate text, images/, 'Yes');
      await choose(/interact with the system directly/, 'No');
      const live = page.getByRole('status').filter({ hasText: 'Inherent tier' });
      await live.getByText('Low', { exact: true }).waitFor();
      await checkAtBothWidths(page, 'procurement-intake-low');
      await choose(/high-risk areas of Annex III/, /Creditworthiness or credit scoring/);
      await choose(/role will the system's output play/, /makes such decisions without a person/);
      await choose(/most sensitive data/, 'Personal data of customers, employees or others');
      await live.getByText('High-risk', { exact: true }).waitFor();
      await live.getByText(/^(High|Critical)$/).waitFor();
      await page.getByRole('heading', { name: 'Why' }).waitFor();
      expect(await count(t, 'intakes')).toBe(0);
      await checkAtBothWidths(page, 'procurement-intake-high');
    });

    await step(page, 'file the intake, create and send', async () => {
      const form = await t.http().get('/api/v1/intakes/form').set('authorization', `Bearer ${buyer.token}`).expect(200);
      for (const question of form.body.questions as { id: string; text: string; type: string; required: boolean; options?: { label: string }[] }[]) {
        if (!question.required) continue;
        const group = page.getByRole('group', { name: question.text });
        if (await group.getByRole('radio', { checked: true }).count()) continue;
        await (question.type === 'boolean' ? group.getByRole('radio', { name: 'No' }) : group.getByRole('radio').first()).check();
      }
      await page.getByRole('button', { name: 'File the intake' }).click();
      await page.getByRole('heading', { name: 'Send the questionnaire' }).waitFor();
      expect(await count(t, 'intakes')).toBe(1);
      await page.getByRole('checkbox', { name: /Dana Ortiz/ }).check();
      await checkAtBothWidths(page, 'procurement-send');
      await page.getByRole('button', { name: 'Create and send the assessment' }).click();
      await page.getByRole('heading', { name: /^Assessment, cycle 1/ }).waitFor();
      await page.getByText('Sent, waiting for the vendor').first().waitFor();
      const mail = await rig.smtp.waitForMail((m) => m.envelopeTo.includes(contactEmail));
      expect(mail.text).toMatch(new RegExp(`${rig.base.replace(/[.:/]/g, '\\$&')}/invite#token=`));
      await checkAtBothWidths(page, 'procurement-status');
    });

    await step(page, 'my work lists it', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My work' }).click();
      await page.getByRole('heading', { name: 'My work' }).waitFor();
      await page.getByRole('region', { name: /All my open assessments/ }).getByRole('link', { name: /Northwind Credit AI Ltd, cycle 1/ }).waitFor();
      await checkAtBothWidths(page, 'procurement-my-work-after');
    });

    await step(page, 'another role\'s page says not allowed', async () => {
      await page.goto(`${rig.base}/admin/users`);
      await page.getByRole('heading', { name: 'You are not allowed to see this page' }).waitFor();
      await page.getByRole('link', { name: 'Go to your home page' }).waitFor();
      await expect(page.getByRole('table').count()).resolves.toBe(0);
      await checkAtBothWidths(page, 'procurement-not-allowed');
    });
    await context.close();
  }, SLOW);
});
