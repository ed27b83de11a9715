/**
 * No e-mail lost without a trace: an interrupted send goes again after the grace period with the
 * same Message-ID, and a message that runs out of attempts is failed where people look (the
 * notifications list, the audit trail and the metrics).
 */
import { randomBytes } from 'node:crypto';
import { Role } from '../../src/auth/roles.js';
import { expectProblem } from '../support/problem.js';
import { sweep } from '../support/schedules.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';
import { bearer, PASSWORD, signIn, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

const address = (what: string) => `${what}.${randomBytes(4).toString('hex')}@bank.example`;
const messageIdOf = (mail: ReceivedMail) => /^Message-ID:\s*(\S+)/im.exec(mail.raw)?.[1];

describe('messages that did not go through', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;

  beforeAll(async () => {
    process.env.MAIL_MAX_ATTEMPTS = '2';
    process.env.MAIL_RETRY_GRACE_SECONDS = '60';
    smtp = await startSmtpServer({ refuse: (to) => to.startsWith('bounce.') });
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    delete process.env.MAIL_MAX_ATTEMPTS;
    delete process.env.MAIL_RETRY_GRACE_SECONDS;
    await t.stop();
    await smtp.close();
  });

  /** A message as a killed worker leaves it: `sending`, its last send started `ago`. */
  async function interruptedSend(recipient: string, fields: { attempts: number; ago: string }): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO notifications (kind, recipient, dedupe_key, subject, text_body, html_body, status, attempts, attempted_at)
       VALUES ('test_notice', $1, $1, 'A notice', 'Hello', '<p>Hello</p>', 'sending', $2, now() - $3::interval) RETURNING id`,
      [recipient, fields.attempts, fields.ago],
    );
    return row.id;
  }

  const statusOf = async (id: string) => (await t.db.query('SELECT status, attempts, last_error FROM notifications WHERE id = $1', [id]))[0];
  const failedList = (query = '') => t.http().get(`/api/v1/notifications?status=failed${query}`).set(bearer(t.adminToken));
  const auditOf = async (id: string) => (await t.http().get(`/api/v1/audit-events?entityType=notification&entityId=${id}`).set(bearer(t.adminToken)).expect(200)).body.items;

  it('sends an interrupted message again after the grace period, with the same Message-ID', async () => {
    const recipient = address('resend');
    const id = await interruptedSend(recipient, { attempts: 1, ago: '1 hour' });
    const recent = await interruptedSend(address('in-flight'), { attempts: 1, ago: '5 seconds' });

    expect((await sweep(t)).recovered).toEqual({ notification_resent: 1 });
    const mail = await smtp.waitForMail((m) => m.envelopeTo.includes(recipient));
    expect(messageIdOf(mail)).toBe(`<${id}@assay>`);
    await waitFor('the message marked sent', async () => (await statusOf(id)).status === 'sent');
    expect(await statusOf(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await statusOf(recent)).toMatchObject({ status: 'sending', attempts: 1 });
    await t.db.query(`UPDATE notifications SET status = 'sent' WHERE id = $1`, [recent]);
  });

  it('fails a message the server keeps refusing, and says so in the list, the audit trail and the metrics', async () => {
    const recipient = address('bounce');
    await t.http().post('/api/v1/users').set(bearer(t.adminToken)).send({ email: recipient, name: 'Bea Bounce', role: Role.Auditor, password: PASSWORD }).expect(201);
    const [{ id }] = await t.db.query('SELECT id FROM notifications WHERE recipient = $1', [recipient]);
    await waitFor('the message to give up', async () => (await statusOf(id)).status === 'failed', { timeoutMs: 30_000 });
    expect(await statusOf(id)).toMatchObject({ attempts: 2, last_error: expect.stringMatching(/550/) });

    const listed = (await failedList().expect(200)).body.items.find((item: { id: string }) => item.id === id);
    expect(listed).toEqual({
      id,
      kind: 'account_created',
      recipient,
      subject: 'Your Assay account',
      status: 'failed',
      attempts: 2,
      lastError: expect.stringMatching(/550/),
      createdAt: expect.any(String),
      attemptedAt: expect.any(String),
      sentAt: null,
    });
    expect(await auditOf(id)).toEqual([expect.objectContaining({ action: 'notification.failed', actorRole: 'system', changes: expect.objectContaining({ status: { before: 'sending', after: 'failed' } }) })]);
    expect((await t.http().get('/metrics').expect(200)).text).toMatch(/^assay_notifications_failed 1$/m);
  }, 60_000);

  it('fails an interrupted send at its last attempt without sending it a third time', async () => {
    const recipient = address('lost');
    const id = await interruptedSend(recipient, { attempts: 2, ago: '1 hour' });
    expect((await sweep(t)).recovered).toEqual({ notification_resent: 1 });
    await waitFor('the message to give up', async () => (await statusOf(id)).status === 'failed');
    expect(await statusOf(id)).toMatchObject({ attempts: 2, last_error: 'The send was interrupted or refused 2 times' });
    expect(await auditOf(id)).toEqual([expect.objectContaining({ action: 'notification.failed' })]);
    expect(smtp.mails.filter((mail) => mail.envelopeTo.includes(recipient))).toEqual([]);
    expect((await sweep(t)).recovered).toEqual({});
  });

  it('pages through the failed messages, newest first', async () => {
    const first = await failedList('&limit=1').expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await failedList(`&limit=1&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(Date.parse(second.body.items[0].createdAt)).toBeLessThanOrEqual(Date.parse(first.body.items[0].createdAt));
    expect([...first.body.items, ...second.body.items].every((item: { status: string }) => item.status === 'failed')).toBe(true);
  });

  it('shows the list to admins and auditors only', async () => {
    const auditor = await signIn(t, Role.Auditor);
    expect((await t.http().get('/api/v1/notifications?status=failed').set(bearer(auditor.token))).status).toBe(200);
    for (const role of [Role.RiskManager, Role.Procurement, Role.Vendor]) {
      const user = await signIn(t, role);
      expectProblem(await t.http().get('/api/v1/notifications?status=failed').set(bearer(user.token)), 403, 'forbidden');
    }
    expectProblem(await t.http().get('/api/v1/notifications?status=failed'), 401, 'unauthenticated');
  });

  it('refuses an unknown status or a foreign cursor', async () => {
    expectProblem(await t.http().get('/api/v1/notifications?status=lost').set(bearer(t.adminToken)), 400, 'validation_failed');
    expectProblem(await failedList('&cursor=not-a-cursor'), 400, 'invalid_cursor');
  });
});
