/** A running app with a real SMTP server and Chromium, for the portal's browser tests. */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { buyers, draftAssessment, type Buyer } from './flows.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';
import { bearer, startTestApp, type TestApp } from './test-app.js';
import { freePort, launchBrowser, seriousViolations, type TestBrowser } from './browser.js';
import { waitFor } from './wait.js';

/** Chromium and a whole journey on a shared two-core machine. */
export const SLOW = 180_000;

export interface PortalRig {
  t: TestApp;
  smtp: TestSmtpServer;
  buyer: Buyer;
  chrome: TestBrowser;
  /** Where the app listens, and what its mails link to. */
  base: string;
  stop: () => Promise<void>;
}

export async function startPortalRig(): Promise<PortalRig> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const smtp = await startSmtpServer();
  const t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: base, PORT: String(port) } });
  const chrome = await launchBrowser();
  return {
    t,
    smtp,
    buyer: await buyers(t),
    chrome,
    base,
    stop: async () => {
      await chrome.close();
      await t.stop();
      await smtp.close();
    },
  };
}

/** An assessment sent to a new contact, and the link from the invitation e-mail. */
export async function invitation(rig: PortalRig, vendorName = 'Acme Analytics') {
  const draft = await draftAssessment(rig.t, rig.buyer.procurement, { vendorName });
  await rig.t.http().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(rig.buyer.procurement)).expect(200);
  const mail = await rig.smtp.waitForMail((m) => m.envelopeTo.includes(draft.contactEmail));
  const link = new RegExp(`${rig.base.replace(/[.:/]/g, '\\$&')}/invite#token=[A-Za-z0-9_-]+`).exec(mail.text!)![0];
  return { ...draft, link };
}

export async function accept(page: Page, link: string, password?: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill('Sam Lee');
  if (password) await page.getByLabel('Password (optional)').fill(password);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await page.getByRole('heading', { name: 'Due-diligence questionnaire' }).waitFor();
}

export const expectAccessible = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);

export const saved = (page: Page) => page.getByRole('status').filter({ hasText: /^Saved$/ }).waitFor();

export async function storedAnswer(t: TestApp, assessmentId: string, questionId: string): Promise<unknown> {
  return (await t.db.query('SELECT value FROM responses WHERE assessment_id = $1 AND question_id = $2', [assessmentId, questionId]))[0]?.value;
}

/** The debounced save reaches the database without a button, and the page says so. */
export async function autosaved(t: TestApp, page: Page, assessmentId: string, questionId: string, value: unknown): Promise<void> {
  await waitFor(`${questionId} saved`, async () => JSON.stringify(await storedAnswer(t, assessmentId, questionId)) === JSON.stringify(value), { timeoutMs: 5000 });
  await saved(page);
}

/** Signs a staff user in through the sign-in page and waits for the landing page. */
export async function signInAsStaff(page: Page, base: string, email: string, password: string, landing = 'My work'): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: landing }).waitFor();
}

/**
 * The page as it is now at 1280 and at 360 px: no serious axe finding, no sideways scrolling at
 * 360, and a screenshot of each under test/artifacts/screens for a person to look at.
 */
export async function checkAtBothWidths(page: Page, name: string): Promise<void> {
  await mkdir('test/artifacts/screens', { recursive: true });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await page.screenshot({ path: `test/artifacts/screens/${name}-${width}.png`, fullPage: true });
    await expectAccessible(page);
    if (width === 360) expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
