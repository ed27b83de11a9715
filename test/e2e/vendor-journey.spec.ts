import { answerEverything, buyers, draftAssessment, type Buyer } from '../support/flows.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';

describe('the vendor journey over real e-mail', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let buyer: Buyer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://assay.bank.example' } });
    buyer = await buyers(t);
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  it('mails the invitation, follows its link, answers, submits and tells the risk managers', async () => {
    const draft = await draftAssessment(t, buyer.procurement, { vendorName: 'Acme Analytics' });
    await t.http().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(buyer.procurement)).expect(200);

    const invitation = await smtp.waitForMail((mail) => mail.envelopeTo.includes(draft.contactEmail));
    expect(invitation.subject).toBe('AI due-diligence questionnaire for Scorer');
    expect(invitation.text).toContain('Acme Analytics');
    const link = /https:\/\/assay\.bank\.example\/invite#token=([A-Za-z0-9_-]{43})/.exec(invitation.text!);
    expect(link).not.toBeNull();
    expect(invitation.html).toContain(`href="${link![0]}"`);

    const session = await t.http().post('/api/v1/auth/invitations/accept').send({ token: link![1], name: 'Sam Lee' }).expect(200);
    const vendor = session.body.token as string;
    await answerEverything(t, vendor, draft.assessmentId);
    await t.http().post(`/api/v1/assessments/${draft.assessmentId}/submit`).set(bearer(vendor)).expect(200);

    const notice = await smtp.waitForMail((mail) => mail.subject.startsWith('Submitted for review') && mail.envelopeTo.some((to) => to.startsWith('risk_manager.')));
    expect(notice.text).toContain(`https://assay.bank.example/assessments/${draft.assessmentId}`);

    const stored: { text_body: string; status: string }[] = await t.db.query(`SELECT text_body, status FROM notifications WHERE kind = 'assessment_invitation'`);
    expect(stored[0].status).toBe('sent');
    expect(stored[0].text_body).not.toContain(link![1]);
  });
});
