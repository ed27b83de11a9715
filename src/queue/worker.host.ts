import { Inject, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { createPostgresBackend, UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DatabaseConnection } from '../database/database-connection.js';
import { queueConnections, type QueueConnections } from './connection.js';
import { JOB_HANDLER } from './job-handler.decorator.js';
import { JOB_QUEUE, JobName, QUEUE_CONCURRENCY, QueueName } from './jobs.js';
import { jobMetrics } from './job-metrics.js';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;
/** A worker on either backend. */
type AnyWorker = Worker<any, any, string, any, any, any>;

/** An error no retry can fix: the job is failed at once instead of retried. */
export class PermanentJobError extends UnrecoverableError {}

/**
 * The consumer side: one BullMQ worker per queue, dispatching each job to its single handler.
 * Started only in the `worker` and default modes.
 */
@Injectable()
export class WorkerHost {
  private readonly logger = new Logger('worker');
  private readonly workers: AnyWorker[] = [];
  private handlers?: Map<JobName, Handler>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseConnection,
  ) {}

  /** Finds every @JobHandler and checks that each job name has exactly one. */
  resolveHandlers(): Map<JobName, Handler> {
    const found = new Map<JobName, Handler[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method] as Handler;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn);
        if (name) found.set(name, [...(found.get(name) ?? []), fn.bind(instance) as Handler]);
      }
    }
    const problems = Object.values(JobName).flatMap((name) => {
      const count = found.get(name)?.length ?? 0;
      return count === 1 ? [] : [`${name} has ${count} handlers`];
    });
    if (problems.length) throw new Error(`Job handler registry is inconsistent: ${problems.join('; ')}`);
    return new Map([...found].map(([name, list]) => [name, list[0]]));
  }

  start(): void {
    this.handlers = this.resolveHandlers();
    const connections = queueConnections(this.config, this.database.queueDatabase());
    for (const queue of Object.values(QueueName)) {
      const worker = this.createWorker(queue, connections, (job) => this.process(queue, job));
      worker.on('error', (error: Error) => this.logger.warn({ queue, err: error.message }, 'worker connection error'));
      worker.on('failed', (job: Job | undefined, error: Error) => {
        jobMetrics.failures.inc({ queue, job: job?.name ?? 'unknown' });
        this.logger.warn({ queue, jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, 'job failed');
      });
      this.workers.push(worker);
    }
    this.logger.log(`workers started for ${Object.values(QueueName).join(', ')} on ${connections.kind === 'redis' ? 'Redis' : 'PostgreSQL'}`);
  }

  private createWorker(queue: QueueName, connections: QueueConnections, processor: Processor): AnyWorker {
    const concurrency = QUEUE_CONCURRENCY[queue];
    if (connections.kind === 'redis') return new Worker(queue, processor, { connection: connections.worker, prefix: connections.prefix, concurrency });
    return new Worker(queue, processor, { connection: connections.worker, concurrency }, createPostgresBackend);
  }

  private async process(queue: QueueName, job: Job): Promise<unknown> {
    const name = job.name as JobName;
    const handler = this.handlers?.get(name);
    if (!handler || JOB_QUEUE[name] !== queue) throw new PermanentJobError(`No handler for ${job.name} on ${queue}`);
    const stop = jobMetrics.duration.startTimer({ queue, job: name });
    try {
      const result = await handler(job.data, job);
      stop({ outcome: 'completed' });
      return result;
    } catch (error) {
      stop({ outcome: 'failed' });
      throw error;
    }
  }

  /** True while every queue has a worker taking jobs; false before start and from stop on. */
  running(): boolean {
    return this.workers.length > 0 && this.workers.every((worker) => worker.isRunning());
  }

  /** Stops taking jobs and waits for those in flight. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
  }
}
