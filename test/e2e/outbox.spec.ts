import { randomBytes } from 'node:crypto';
import { Role } from '../../src/auth/roles.js';
import { SYSTEM_ACTOR } from '../../src/common/actor.js';
import { UnitOfWork } from '../../src/database/unit-of-work.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { render } from '../../src/notifications/templates.js';
import { job, JobName, QueueName } from '../../src/queue/jobs.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { bearer, itNeedsRedis, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

const address = (what: string) => `${what}.${randomBytes(4).toString('hex')}@bank.example`;

function createUser(t: TestApp, email: string, name = 'Olive Outbox') {
  return t.http().post('/api/v1/users').set(bearer(t.adminToken)).send({ email, name, role: Role.Auditor });
}

async function notificationOf(t: TestApp, recipient: string) {
  const [row] = await t.db.query('SELECT id, status, attempts FROM notifications WHERE recipient = $1', [recipient]);
  return row as { id: string; status: string; attempts: number } | undefined;
}

async function outboxOf(t: TestApp, notificationId: string) {
  const rows = await t.db.query(`SELECT enqueued_at, attempts, last_error FROM outbox WHERE payload->>'notificationId' = $1`, [notificationId]);
  return rows as { enqueued_at: Date | null; attempts: number; last_error: string | null }[];
}

describe('the outbox and a queue outage', () => {
  let smtp: TestSmtpServer | undefined;
  let proxy: TcpProxy | undefined;
  let t: TestApp | undefined;

  afterEach(async () => {
    await proxy?.restore();
    await t?.stop();
    await proxy?.close();
    await smtp?.close();
  });

  itNeedsRedis('keeps answering while Redis is down and sends what waited once it is back', async () => {
    const redis = new URL(process.env.TEST_REDIS_URL!);
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, SMTP_URL: smtp.url } });
    const app = t;
    const before = address('before');
    await createUser(app, before).expect(201);
    await smtp.waitForMail((mail) => mail.envelopeTo.includes(before));

    await proxy.cut();
    const during = address('during');
    const created = await createUser(app, during, 'Dora During');
    expect(created.status).toBe(201);
    const ready = await app.http().get('/health/ready');
    expect({ status: ready.status, ready: ready.body.status, queue: ready.body.checks?.queue }).toEqual({ status: 200, ready: 'degraded', queue: 'degraded' });

    const notification = await waitFor('the notification row', () => notificationOf(app, during));
    const [waiting] = await waitFor('a failed enqueue attempt', async () => {
      const rows = await outboxOf(app, notification.id);
      return rows.length === 1 && rows[0].attempts >= 1 ? rows : undefined;
    });
    expect(waiting).toMatchObject({ enqueued_at: null, last_error: expect.any(String) });
    expect((await notificationOf(app, during))!.status).toBe('pending');
    expect(smtp.mails.filter((mail) => mail.envelopeTo.includes(during))).toEqual([]);

    await proxy.restore();
    const mail = await smtp.waitForMail((m) => m.envelopeTo.includes(during), 30_000);
    expect(mail.envelopeTo).toEqual([during]);
    expect(mail.to).toContain(during);
    expect(mail.subject).toBe('Your Assay account');
    expect(mail.text).toContain('Hello Dora During,');
    expect(mail.text).toContain('with the role auditor');
    expect(mail.html).toMatch(/^<!doctype html>/i);
    expect(mail.html).toContain('<p>Hello Dora During,</p>');

    const [enqueued] = await waitFor('the outbox row marked enqueued', async () => {
      const rows = await outboxOf(app, notification.id);
      return rows[0]?.enqueued_at ? rows : undefined;
    });
    expect(enqueued.enqueued_at).toBeInstanceOf(Date);
    await waitFor('the notification marked sent', async () => (await notificationOf(app, during))?.status === 'sent');
    expect(smtp.mails.filter((m) => m.envelopeTo.includes(during))).toHaveLength(1);
  }, 60_000);
});

describe('sending a notification at most once', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.stop();
    await smtp.close();
  });

  const mail = (recipient: string, dedupeKey: string) => ({
    kind: 'test_notice',
    recipient,
    dedupeKey,
    subject: 'A notice sent once',
    ...render({ greeting: 'Hello,', lines: ['This should arrive exactly once.'] }),
  });

  /** The result is read after the state, so a job seen completed always shows what it returned. */
  async function jobState(jobId: string) {
    const queue = t.app.get(QueueService).queue(QueueName.Notifications);
    const state = await queue.getJobState(jobId);
    return { state, result: state === 'completed' ? ((await queue.getJob(jobId))?.returnvalue as unknown) : undefined };
  }

  it('drops a second message with the same dedupe key', async () => {
    const recipient = address('dedupe');
    const key = `test:${recipient}`;
    const run = () => t.app.get(UnitOfWork).run(SYSTEM_ACTOR, (work) => t.app.get(NotificationsService).queue(work, mail(recipient, key)));
    expect(await run()).toBe(true);
    expect(await run()).toBe(false);
    await smtp.waitForMail((m) => m.envelopeTo.includes(recipient));
    await waitFor('the notification marked sent', async () => (await notificationOf(t, recipient))?.status === 'sent');
    expect(await t.db.query('SELECT count(*)::int AS n FROM outbox o JOIN notifications n ON o.payload->>\'notificationId\' = n.id::text WHERE n.recipient = $1', [recipient])).toEqual([{ n: 1 }]);
    expect(smtp.mails.filter((m) => m.envelopeTo.includes(recipient))).toHaveLength(1);
  });

  it('sends once even when its job is enqueued twice, under the same id and under another', async () => {
    const recipient = address('twice');
    const notificationId = await t.app.get(UnitOfWork).run(SYSTEM_ACTOR, async (work) => {
      await t.app.get(NotificationsService).queue(work, mail(recipient, `test:${recipient}`));
      const [row] = await work.manager.query('SELECT id FROM notifications WHERE recipient = $1', [recipient]);
      work.enqueue(job(JobName.SendEmail, { notificationId: row.id }, row.id));
      work.enqueue(job(JobName.SendEmail, { notificationId: row.id }, `${row.id}.again`));
      return row.id as string;
    });
    expect(await outboxOf(t, notificationId)).toHaveLength(3);
    const ids = [job(JobName.SendEmail, { notificationId }, notificationId).jobId, job(JobName.SendEmail, { notificationId }, `${notificationId}.again`).jobId];

    const states = await waitFor('both jobs to finish', async () => {
      const found = await Promise.all(ids.map(jobState));
      return found.every((s) => s.state === 'completed') ? found : undefined;
    });
    expect(states.map((s) => s.result).sort()).toEqual(['sent', 'skipped']);
    expect(smtp.mails.filter((m) => m.envelopeTo.includes(recipient))).toHaveLength(1);
    expect(await notificationOf(t, recipient)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});
