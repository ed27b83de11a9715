import { Injectable } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, type TestingModule } from '@nestjs/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { AppModule } from '../../src/app.module.js';
import { createApp, startApp, stopApp } from '../../src/app.js';
import { Role } from '../../src/auth/roles.js';
import { loadConfig } from '../../src/config/config.js';
import { NotificationJobs } from '../../src/notifications/notifications.jobs.js';
import { JobHandler } from '../../src/queue/job-handler.decorator.js';
import { JobName } from '../../src/queue/jobs.js';
import { WorkerHost } from '../../src/queue/worker.host.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, backends, bearer, createTestDatabase, deleteQueueKeys, testConfig } from '../support/test-app.js';
import { waitFor } from '../support/wait.js';

const itNeedsServerDatabase = (name: string, fn: () => Promise<unknown>, timeout?: number) =>
  backends.database === 'postgres' ? it(name, fn, timeout) : it.skip(`${name} [skipped: the embedded database stops with the app, so nothing can read it afterwards]`, fn);

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('graceful shutdown', () => {
  let smtp: TestSmtpServer;
  let cleanup: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    cleanup = [];
  });

  itNeedsServerDatabase('waits for a mail in flight to be accepted and recorded, then refuses new connections', async () => {
    smtp = await startSmtpServer({ acceptDelayMs: 1000 });
    cleanup.push(() => smtp.close());
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(join(tmpdir(), 'assay-shutdown-'));
    const config = testConfig(database.url, dataDir, { SMTP_URL: smtp.url });
    cleanup.push(() => database.drop(), () => deleteQueueKeys(config.queuePrefix), () => rm(dataDir, { recursive: true, force: true }));
    const app: NestFastifyApplication = await createApp(config);
    let stopped = false;
    cleanup.push(async () => {
      if (!stopped) await stopApp(app);
    });
    await startApp(app, config, 'all');
    const http = () => request(app.getHttpServer());
    const { port } = app.getHttpServer().address() as AddressInfo;

    const login = await http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    const recipient = 'shutdown.mail@bank.example';
    await http().post('/api/v1/users').set(bearer(login.body.token)).send({ email: recipient, name: 'Sid Shutdown', role: Role.Auditor }).expect(201);
    await waitFor('the SMTP server to receive DATA', () => smtp.dataStarts.length > 0);
    expect(smtp.mails).toEqual([]);

    const stopStartedAt = Date.now();
    await stopApp(app);
    stopped = true;
    const stopResolvedAt = Date.now();

    const mail = smtp.mails.find((m) => m.envelopeTo.includes(recipient));
    expect(mail).toBeDefined();
    expect(mail!.acceptedAt).toBeGreaterThanOrEqual(stopStartedAt);
    expect(mail!.acceptedAt).toBeLessThanOrEqual(stopResolvedAt);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT status, attempts FROM notifications WHERE recipient = $1', [recipient]);
      expect(rows).toEqual([{ status: 'sent', attempts: 1 }]);
    } finally {
      await client.end();
    }
    expect(await refusesConnections(port)).toBe(true);
  }, 30_000);
});

@Injectable()
class SecondMailSender {
  @JobHandler(JobName.SendEmail)
  async sendEmailAgain(): Promise<string> {
    return 'sent twice';
  }
}

describe('the job handler registry', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://offline/unused', REDIS_URL: 'redis://offline:6379', LOG_LEVEL: 'silent' });
  let moduleRef: TestingModule | undefined;
  afterEach(() => moduleRef?.close());

  it('finds exactly one handler for every job name in the application', async () => {
    moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] }).compile();
    const handlers = moduleRef.get(WorkerHost).resolveHandlers();
    expect([...handlers.keys()].sort()).toEqual(Object.values(JobName).sort());
  });

  it('refuses to start a worker when a job has two handlers, naming the job', async () => {
    moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)], providers: [SecondMailSender] }).compile();
    const host = moduleRef.get(WorkerHost);
    expect(() => host.resolveHandlers()).toThrow(`${JobName.SendEmail} has 2 handlers`);
    expect(() => host.start()).toThrow(`${JobName.SendEmail} has 2 handlers`);
  });

  it('refuses to start a worker when a job has no handler, naming the job', async () => {
    moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .overrideProvider(NotificationJobs)
      .useValue({})
      .compile();
    const host = moduleRef.get(WorkerHost);
    expect(() => host.resolveHandlers()).toThrow(`${JobName.SendEmail} has 0 handlers`);
    expect(() => host.start()).toThrow(`${JobName.SendEmail} has 0 handlers`);
  });
});
