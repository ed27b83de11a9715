/**
 * None lost when the worker dies between handing a message to SMTP and recording that it did:
 * the worker runs as a child process and gets kill -9 while the SMTP server holds its answer to
 * DATA. The API process stays up, takes over the queue, and after the grace period the message
 * goes again with the same Message-ID, so the receiver can tell the copy from a new message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../src/domain/schedule.js';
import { WorkerHost } from '../../src/queue/worker.host.js';
import { controlClock } from '../support/clock.js';
import { buyers, draftAssessment } from '../support/flows.js';
import { daysFromNow, sweep } from '../support/schedules.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { backends, bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

const itNeedsServerDatabase = (name: string, fn: () => Promise<unknown>, timeout?: number) =>
  backends.database === 'postgres' ? it(name, fn, timeout) : it.skip(`${name} [skipped: a second process cannot open the embedded database]`, fn);

/** `node dist/src/main.js worker` on the test app's database, queues and SMTP server. */
function startWorkerProcess(t: TestApp, smtpUrl: string, dataDir: string): { child: ChildProcess; output: () => string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(ASSAY_|DATABASE_URL|REDIS_URL|SMTP_URL|QUEUE_PREFIX)/.test(name)));
  const child = spawn(process.execPath, ['dist/src/main.js', 'worker'], {
    env: {
      ...env,
      DATABASE_URL: t.config.databaseUrl,
      ...(t.config.redisUrl ? { REDIS_URL: t.config.redisUrl } : {}),
      QUEUE_PREFIX: t.config.queuePrefix,
      SMTP_URL: smtpUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

describe('a worker killed in the middle of sending', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let worker: ChildProcess | undefined;
  let dataDir: string;

  beforeAll(async () => {
    process.env.MAIL_RETRY_GRACE_SECONDS = '2';
    smtp = await startSmtpServer({ acceptDelayMs: 1500 });
    dataDir = await mkdtemp(join(tmpdir(), 'assay-crash-worker-'));
  });
  afterAll(async () => {
    delete process.env.MAIL_RETRY_GRACE_SECONDS;
    worker?.kill('SIGKILL');
    await t?.stop();
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  itNeedsServerDatabase('sends the reminder again with the same Message-ID once the grace period is over', async () => {
    t = await startTestApp({ mode: 'api', env: { SMTP_URL: smtp.url } });
    const started = startWorkerProcess(t, smtp.url, dataDir);
    worker = started.child;
    await waitFor('the worker process to start', () => started.output().includes('Assay worker started'), { timeoutMs: 30_000 });

    const buyer = await buyers(t);
    const due = daysFromNow(30);
    const draft = await draftAssessment(t, buyer.procurement, { dueDate: due });
    await t.http().post(`/api/v1/assessments/${draft.assessmentId}/send`).set(bearer(buyer.procurement)).expect(200);
    await smtp.waitForMail((mail) => mail.envelopeTo.includes(draft.contactEmail));
    const dataBefore = smtp.dataEnds.length;

    controlClock(t, addDays(due, -7));
    expect((await sweep(t)).queued).toEqual({ assessment_reminder: 1 });
    // Killed once the whole message has reached the server, while the server holds its answer.
    await waitFor('the worker to have sent the whole reminder', () => smtp.dataEnds.length > dataBefore);
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker!.once('exit', resolve));

    // The server still accepts what it received: the vendor has the reminder, the database does not know.
    const reminder = await smtp.waitForMail((mail) => mail.envelopeTo.includes(draft.contactEmail) && mail.subject.startsWith('Reminder'));
    const [row] = await t.db.query(`SELECT id, status, attempts FROM notifications WHERE kind = 'assessment_reminder' AND recipient = $1`, [draft.contactEmail]);
    expect(row).toMatchObject({ status: 'sending', attempts: 1 });

    // Another worker takes over; once the grace period is over the sweep queues the message again.
    t.app.get(WorkerHost).start();
    const app = t;
    await waitFor('the sweep to queue the interrupted send', async () => (await sweep(app)).recovered.notification_resent === 1, { timeoutMs: 10_000, intervalMs: 500 });
    const copy = await smtp.waitForMail((mail) => mail !== reminder && mail.envelopeTo.includes(draft.contactEmail) && mail.subject.startsWith('Reminder'));
    const messageId = (mail: { raw: string }) => /^Message-ID:\s*(\S+)/im.exec(mail.raw)?.[1];
    expect(messageId(copy)).toBe(`<${row.id}@assay>`);
    expect(messageId(reminder)).toBe(messageId(copy));
    await waitFor('the reminder marked sent', async () => (await t.db.query('SELECT status FROM notifications WHERE id = $1', [row.id]))[0].status === 'sent');
    expect((await t.db.query('SELECT status, attempts FROM notifications WHERE id = $1', [row.id]))[0]).toEqual({ status: 'sent', attempts: 2 });

    // And the next sweeps neither make a new message of it nor send it a third time.
    expect(await sweep(t)).toMatchObject({ queued: {}, recovered: {} });
    expect(smtp.mails.filter((mail) => mail.envelopeTo.includes(draft.contactEmail))).toEqual([expect.anything(), reminder, copy]);
  }, 90_000);
});
