import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { Role } from '../../src/auth/roles.js';
import { answerEverything, CREDIT_INTAKE, draftAssessment, triageDrafts } from '../support/flows.js';
import { step } from '../support/browser.js';
import { expectAccessible, SLOW, startPortalRig, type PortalRig } from '../support/portal.js';
import { bearer, PASSWORD, signIn, type TestApp } from '../support/test-app.js';

const CRITICAL_INTAKE = { ...CREDIT_INTAKE, decision_impact: 'solely_automated' };
const SHOTS = 'test/artifacts/review';

/** Checks the page with axe at desktop and phone widths, keeping a screenshot of each (of `focus`, when given). */
async function atBothWidths(page: Page, name: string, focus?: Locator): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await expectAccessible(page);
    await focus?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the risk manager\'s review workspace in the portal', () => {
  let rig: PortalRig;
  let t: TestApp;

  beforeAll(async () => {
    rig = await startPortalRig();
    t = rig.t;
  }, SLOW);
  afterAll(() => rig?.stop());

  async function riskManager(name: string) {
    const user = await signIn(t, Role.RiskManager, { name });
    const { page, context } = await rig.chrome.visitor();
    await page.goto(`${rig.base}/sign-in?next=/review`);
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    return { ...user, page, context };
  }

  /** An assessment sent through the API, its invitation (mailed over SMTP) accepted by the vendor. */
  async function sent(options: Parameters<typeof draftAssessment>[2]) {
    const draft = await draftAssessment(t, rig.buyer.procurement, options);
    await t.http().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(rig.buyer.procurement)).expect(200);
    const mail = await rig.smtp.waitForMail((m) => m.envelopeTo.includes(draft.contactEmail));
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text!)![1];
    const accepted = await t.http().post('/api/v1/auth/invitations/accept').send({ token, name: 'Sam Lee' }).expect(200);
    return { ...draft, vendorToken: accepted.body.token as string };
  }

  const status = async (id: string) => (await t.db.query('SELECT status FROM assessments WHERE id = $1', [id]))[0].status as string;

  it('triages, raises a finding, asks for clarification, approves with a condition, builds the report and shows the follow-up', async () => {
    const rita = await riskManager('Rita Reviewer');
    const { page, context } = rita;
    const a = await sent({ vendorName: 'Acme Analytics' });
    await answerEverything(t, a.vendorToken, a.assessmentId, { 'CHG-01': 'no_notice', 'OVER-02': 'no', 'DATA-03': 'up_to_1_year' });
    await t.http().post(`/api/v1/assessments/${a.assessmentId}/submit`).set(bearer(a.vendorToken)).expect(200);
    const review = page.getByRole('heading', { name: 'Review: Scorer by Acme Analytics' });
    const article = (name: string) => page.getByRole('article', { name });

    await step(page, 'queue and start', async () => {
      await page.reload();
      await page.getByRole('link', { name: 'Scorer (cycle 1)' }).waitFor();
      await atBothWidths(page, 'queue');
      await page.getByRole('link', { name: 'Scorer (cycle 1)' }).click();
      await review.waitFor();
      await page.getByRole('button', { name: 'Start the review' }).click();
      await page.getByRole('heading', { name: /^To triage \(3\)$/ }).waitFor();
    });

    await step(page, 'answers beside their evidence, previewed inline', async () => {
      const answer = article('Do you use customer data (inputs, outputs, files or feedback) to train or improve any model?');
      await answer.getByText('Never', { exact: true }).waitFor();
      const evidence = answer.getByRole('list', { name: 'Evidence for DATA-01' });
      const shown = page.waitForResponse((res) => res.url().includes('/download?disposition=inline'));
      await evidence.getByRole('button', { name: 'Show preview of policy.pdf' }).click();
      const response = await shown;
      expect({ status: response.status(), type: response.headers()['content-type'], frame: response.headers()['x-frame-options'] }).toEqual({ status: 200, type: 'application/pdf', frame: 'SAMEORIGIN' });
      await evidence.locator('iframe[title="Preview of policy.pdf"]').waitFor();
      await page.getByRole('button', { name: /^Customer data use and retention: / }).click();
      await page.getByRole('table', { name: /^Customer data use and retention \(weight 3\): each question's points × weight$/ }).getByRole('rowheader', { name: 'DATA-03' }).waitFor();
      await atBothWidths(page, 'review-score', page.getByRole('heading', { name: 'Score', exact: true }));
      await atBothWidths(page, 'review-answer', answer);
    });

    await step(page, 'triage the draft findings and raise one', async () => {
      const knockout = 'The vendor gives no advance notice of changes to the model in production.';
      await page.getByRole('button', { name: `Confirm ${knockout}` }).click();
      await article(knockout).getByText('Confirmed').waitFor();
      const weak = async (questionId: string) => (await t.db.query(`SELECT title FROM findings WHERE assessment_id = $1 AND source = 'low_score' AND $2 = ANY(question_ids)`, [a.assessmentId, questionId]))[0].title as string;
      const [weakOversight, weakRetention] = [await weak('OVER-02'), await weak('DATA-03')];
      await page.getByRole('button', { name: `Dismiss ${weakRetention}` }).click();
      await page.getByLabel(`Why dismiss ${weakRetention}`).fill('Retention up to a year is agreed in the contract.');
      await page.getByRole('button', { name: `Dismiss ${weakRetention} with this reason` }).click();
      await article(weakRetention).getByText('Dismissed because: Retention up to a year is agreed in the contract.').waitFor();
      await page.getByRole('button', { name: `Change severity of ${weakOversight}` }).click();
      await page.getByLabel(`New severity of ${weakOversight}`).selectOption('low');
      await page.getByLabel(`Why change the severity of ${weakOversight}`).fill('Override matters little for an internal pre-screen.');
      await page.getByRole('button', { name: `Save the severity of ${weakOversight}` }).click();
      await page.getByLabel(`New severity of ${weakOversight}`).waitFor({ state: 'detached' });
      await article(weakOversight).getByText('low', { exact: true }).waitFor();
      await page.getByRole('button', { name: `Confirm ${weakOversight}` }).click();
      await page.getByRole('heading', { name: /^To triage \(0\)$/ }).waitFor();
      await page.getByRole('button', { name: 'Raise a finding' }).click();
      await page.getByLabel('Title').fill('No independent bias audit');
      await page.getByLabel('Severity').selectOption('medium');
      await page.getByLabel('Questions it is about').fill('OVER-02');
      await page.getByRole('button', { name: 'Raise this finding' }).click();
      await article('No independent bias audit').waitFor();
      await page.getByRole('button', { name: 'Edit No independent bias audit' }).click();
      await article('No independent bias audit').getByLabel('Title').fill('No independent bias audit in the last 12 months');
      await page.getByRole('button', { name: 'Save No independent bias audit' }).click();
      await article('No independent bias audit in the last 12 months').waitFor();
      const rows = await t.db.query('SELECT title, severity, status FROM findings WHERE assessment_id = $1 ORDER BY title', [a.assessmentId]);
      expect(rows.map((r: { status: string }) => r.status).sort()).toEqual(['dismissed', 'open', 'open', 'open']);
      await expectAccessible(page);
    });

    await step(page, 'ask for clarification on ticked questions; the vendor resubmits', async () => {
      await page.getByLabel('Ask about OVER-02').check();
      await page.getByLabel('Ask about DATA-03').check();
      await page.getByLabel('Message to the vendor').fill('Please explain how staff can override an output, and the retention period.');
      await page.getByRole('button', { name: 'Request clarification on 2 question(s)' }).click();
      await page.getByText('Clarification requested', { exact: false }).first().waitFor();
      expect(await status(a.assessmentId)).toBe('clarification_requested');
      const [asked] = await t.db.query('SELECT question_ids AS "questionIds" FROM clarifications WHERE assessment_id = $1', [a.assessmentId]);
      expect([...asked.questionIds].sort()).toEqual(['DATA-03', 'OVER-02']);
      await t.http().put(`/api/v1/assessments/${a.assessmentId}/responses`).set(bearer(a.vendorToken)).send({ responses: [{ questionId: 'OVER-02', value: 'partly' }] }).expect(200);
      await t.http().post(`/api/v1/assessments/${a.assessmentId}/submit`).set(bearer(a.vendorToken)).expect(200);
      await page.reload();
      await page.getByRole('button', { name: 'Start the review' }).click();
      await page.getByRole('heading', { name: 'Decision' }).waitFor();
      await page.getByLabel('Rationale').waitFor();
    });

    await step(page, 'a plain approval is refused over the high finding; an approval with a condition covering it stands', async () => {
      const knockout = 'The vendor gives no advance notice of changes to the model in production.';
      for (const name of await page.getByRole('button', { name: /^Confirm / }).allTextContents()) await page.getByRole('button', { name }).click();
      await page.getByRole('heading', { name: /^To triage \(0\)$/ }).waitFor();
      await page.getByLabel('Rationale').fill('Adequate for an internal pre-screen with a change-notice condition.');
      await page.getByRole('button', { name: 'Record the decision' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'These findings block the decision' });
      await refusal.getByRole('link', { name: knockout }).waitFor();
      expect(await refusal.getByRole('link', { name: knockout }).getAttribute('href')).toMatch(/^#finding-/);
      await page.getByLabel('Approve with conditions').check();
      await page.getByRole('button', { name: 'Add a condition' }).click();
      await page.getByLabel('What condition 1 requires').fill('Sign a contract clause giving 30 days notice of model changes');
      const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Condition 1 due').fill(due);
      await page.getByRole('group', { name: 'Findings condition 1 covers' }).getByLabel(`${knockout} (high)`).check();
      await atBothWidths(page, 'decision', page.getByRole('button', { name: 'Record the decision' }));
      await page.getByRole('button', { name: 'Record the decision' }).click();
      await page.getByText('Approved with conditions', { exact: true }).first().waitFor();
      await page.getByRole('list', { name: 'Conditions' }).getByText('Sign a contract clause giving 30 days notice of model changes', { exact: false }).waitFor();
      expect(await status(a.assessmentId)).toBe('approved_with_conditions');
      const [condition] = await t.db.query('SELECT owner_id AS "ownerId", due_date::text AS "dueDate" FROM conditions WHERE assessment_id = $1', [a.assessmentId]);
      expect(condition).toEqual({ ownerId: rita.id, dueDate: due });
    });

    await step(page, 'build the report and download it', async () => {
      await page.getByRole('button', { name: 'Build report' }).click();
      const link = page.getByRole('link', { name: /^Download the report \(PDF/ });
      await link.waitFor({ timeout: 60_000 });
      const file = await context.request.get(new URL((await link.getAttribute('href'))!, page.url()).toString());
      expect({ status: file.status(), type: file.headers()['content-type'], magic: (await file.body()).subarray(0, 5).toString() }).toEqual({ status: 200, type: 'application/pdf', magic: '%PDF-' });
      await expectAccessible(page);
    });

    await step(page, 'follow-up: the condition in the list and on the calendar', async () => {
      await page.goto(`${rig.base}/follow-up`);
      const condition = 'Sign a contract clause giving 30 days notice of model changes';
      await page.getByRole('heading', { name: 'Overdue' }).waitFor();
      const due = new Date(Date.now() + 10 * 86_400_000);
      if (due.getMonth() !== new Date().getMonth()) await page.getByRole('button', { name: 'Next month' }).click();
      await page.getByRole('table', { name: /^Due in / }).getByRole('link', { name: condition }).waitFor();
      const calendar = page.getByRole('table', { name: /^Calendar of / });
      await calendar.getByRole('link', { name: `Condition: ${condition}` }).click();
      await review.waitFor();
      await page.goBack();
      await calendar.waitFor();
      await atBothWidths(page, 'follow-up');
    });
    await context.close();
  }, SLOW * 2);

  it('four eyes on a critical tier: a stale page is told what changed, the proposer cannot confirm, a second risk manager does', async () => {
    const rita = await riskManager('Rita Reviewer');
    const b = await sent({ intake: CRITICAL_INTAKE, vendorName: 'Critical Credit' });
    await answerEverything(t, b.vendorToken, b.assessmentId);
    await t.http().post(`/api/v1/assessments/${b.assessmentId}/submit`).set(bearer(b.vendorToken)).expect(200);
    await t.http().post(`/api/v1/assessments/${b.assessmentId}/start-review`).set(bearer(rita.token)).expect(200);
    await triageDrafts(t, rita.token, b.assessmentId);
    const { page } = rita;
    const rationale = 'Controls are adequate for automated credit pre-screening.';

    await step(page, 'a stale page', async () => {
      await page.goto(`${rig.base}/review/${b.assessmentId}`);
      await page.getByRole('heading', { name: 'Review: Scorer by Critical Credit' }).waitFor();
      await page.getByLabel('Rationale').fill(rationale);
      // Meanwhile the same decision is proposed through the API, which moves the assessment's version on.
      await t.http().post(`/api/v1/assessments/${b.assessmentId}/decision`).set(bearer(rita.token)).send({ outcome: 'approved', rationale }).expect(200);
      await page.getByRole('button', { name: 'Record the decision' }).click();
      const stale = page.getByRole('alert').filter({ hasText: 'Someone else changed this assessment after you opened it' });
      const version = stale.getByRole('table', { name: 'What changed' }).getByRole('row', { name: /^Version / });
      await version.waitFor();
      const [seen, now] = await version.getByRole('cell').allTextContents();
      expect(Number(now)).toBe(Number(seen) + 1);
      const decision = await stale.getByRole('row', { name: /^Decision / }).getByRole('cell').allTextContents();
      expect(decision).toEqual(['None', 'Approve proposed by Rita Reviewer, waiting for a second risk manager']);
      await atBothWidths(page, 'stale', stale);
      await stale.getByRole('button', { name: 'Reload the assessment' }).click();
      await page.getByText('You proposed this decision, so you cannot confirm it yourself').waitFor();
      await expect(page.getByRole('button', { name: /^Confirm: / }).count()).resolves.toBe(0);
    });

    const sam = await riskManager('Sam Second');
    await step(sam.page, 'the second risk manager confirms', async () => {
      await sam.page.goto(`${rig.base}/review/${b.assessmentId}`);
      await sam.page.getByText('Rita Reviewer', { exact: true }).waitFor();
      await sam.page.getByText(rationale).waitFor();
      await atBothWidths(sam.page, 'four-eyes', sam.page.getByLabel('Your rationale'));
      await sam.page.getByLabel('Your rationale').fill('Agreed: the controls match the critical tier.');
      await sam.page.getByRole('button', { name: 'Confirm: approve' }).click();
      await sam.page.getByText(/Approved by Rita Reviewer, confirmed by Sam Second/).waitFor();
      expect(await status(b.assessmentId)).toBe('approved');
    });
  }, SLOW * 2);
});
