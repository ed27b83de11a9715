import 'reflect-metadata';
import multipart from '@fastify/multipart';
import { RequestMethod, ValidationPipe, type ValidationError } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBaseLogger } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Bindings, ChildLoggerOptions } from 'pino';
import { AppModule } from './app.module.js';
import { validationFailed, type FieldError } from './common/errors.js';
import { edgeServerOptions, registerHttpEdge } from './common/http-edge.js';
import { createRootLogger, NestPinoLogger } from './common/logger.js';
import { parseTraceparent } from './common/trace-context.js';
import type { AppConfig } from './config/config.js';
import { DatabaseConnection } from './database/database-connection.js';
import { httpDuration } from './health/metrics.js';
import { WorkerHealthListener } from './health/worker-health.js';
import { mountDocs } from './openapi.js';
import { OutboxRelay } from './queue/outbox.relay.js';
import { WorkerHost } from './queue/worker.host.js';
import { SweepScheduler } from './schedules/sweep.scheduler.js';
import { FirstAdmin } from './users/first-admin.js';
import { mountPortal } from './web/portal.js';

export type Mode = 'all' | 'api' | 'worker';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export function createAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: createRootLogger(config.logLevel),
    bodyLimit: 2 * 1024 * 1024,
    ...edgeServerOptions(config),
    // A caller's W3C trace id is logged with each request line, so logs join the caller's trace.
    childLoggerFactory: (logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions, raw: IncomingMessage) => {
      const trace = parseTraceparent(raw.headers.traceparent);
      return logger.child(trace ? { ...bindings, traceId: trace.traceId, parentSpanId: trace.spanId } : bindings, options);
    },
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
}

/** Builds the application with every HTTP convention applied; nothing is started yet. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = createAdapter(config);
  const logger = new NestPinoLogger(createRootLogger(config.logLevel));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { logger, abortOnError: false, bodyParser: false });
  await registerHttpEdge(app, config);
  // Evidence uploads stream one file each; the size limit is enforced while the bytes arrive.
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 20 } });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => validationFailed(fieldErrors(errors)),
    }),
  );
  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON (and multipart for uploads): a form or plain-text body is a 415, not a request.
  fastify.removeContentTypeParser(['text/plain']);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  mountDocs(app);
  await mountPortal(app, config);
  return app;
}

/** Starts what the mode asks for: the relay always, the workers and the HTTP listener as chosen. */
export async function startApp(app: NestFastifyApplication, config: AppConfig, mode: Mode): Promise<void> {
  await app.init();
  await app.get(FirstAdmin).ensure();
  app.get(OutboxRelay).start();
  if (mode !== 'api') {
    app.get(WorkerHost).start();
    app.get(SweepScheduler).start();
  }
  if (mode !== 'worker') await app.listen({ port: config.port, host: config.host });
  else await app.get(WorkerHealthListener).start();
}

/**
 * Graceful stop: refuse new requests and let those in flight finish, then let workers finish
 * their jobs, then close the database (and the embedded servers, which release DATA_DIR). Nest's
 * own hooks run in module order, not this one.
 */
export async function stopApp(app: NestFastifyApplication): Promise<void> {
  const database = app.get(DatabaseConnection);
  await app.getHttpAdapter().getInstance().close();
  await app.get(WorkerHost).stop();
  await app.get(WorkerHealthListener).stop();
  await app.get(OutboxRelay).onApplicationShutdown();
  await app.close();
  await database.close();
}
