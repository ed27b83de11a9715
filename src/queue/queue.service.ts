import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PostgresConnection, PostgresQueueBackend, Queue, type QueueOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DatabaseConnection } from '../database/database-connection.js';
import { queueConnections } from './connection.js';
import { JOB_QUEUE, QueueName, type JobName, type JobRequest } from './jobs.js';

const ADD_TIMEOUT_MS = 3000;

/** A queue on either backend. */
export type AnyQueue = Queue<any, any, string, any, any, string, any, any>;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const QUEUE_OPTIONS: Omit<QueueOptions, 'connection'> = {
  skipWaitingForReady: true,
  defaultJobOptions: {
    attempts: 6,
    backoff: { type: 'exponential', delay: 2000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 14 * 24 * 3600 },
  },
};

/** The producer side of every queue. Request paths never call this directly: they use the outbox. */
@Injectable()
export class QueueService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('queue');
  private readonly queues = new Map<QueueName, AnyQueue>();
  private pingBackend?: () => Promise<unknown>;
  private readonly readyListeners = new Set<() => void>();
  private disconnect?: () => Promise<void> | void;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: DatabaseConnection,
  ) {}

  /** Connects on init, not on construction, so the OpenAPI document can be built offline. */
  onModuleInit(): void {
    const connections = queueConnections(this.config, this.database.queueDatabase());
    const create = connections.kind === 'redis' ? this.redisQueues(connections.producer, connections.prefix) : this.postgresQueues(connections.producer);
    for (const name of Object.values(QueueName)) {
      const queue = create(name);
      // Connection errors surface where they matter (enqueue, readiness); here they would only repeat.
      queue.on('error', (error: Error) => this.logger.debug({ queue: name, err: error.message }, 'queue connection error'));
      this.queues.set(name, queue);
    }
  }

  /** One eager client shared by all producers: with no offline queue, a command fails at once while Redis is away, and the outbox keeps the job. */
  private redisQueues(options: object, prefix: string): (name: QueueName) => AnyQueue {
    const client = new Redis({ ...options, lazyConnect: false });
    client.on('error', (error) => this.logger.debug({ err: error.message }, 'queue connection error'));
    client.on('ready', () => this.readyListeners.forEach((listener) => listener()));
    this.pingBackend = () => client.ping();
    this.disconnect = () => client.disconnect();
    return (name) => new Queue(name, { ...QUEUE_OPTIONS, connection: client, prefix });
  }

  /** The same on PostgreSQL: one pool shared by all producers, with a short connection timeout. */
  private postgresQueues(options: ConstructorParameters<typeof PostgresConnection>[0]): (name: QueueName) => AnyQueue {
    const connection = new PostgresConnection(options);
    connection.on('error', (error: Error) => this.logger.debug({ err: error.message }, 'queue connection error'));
    this.pingBackend = () => connection.pool.query('SELECT 1');
    this.disconnect = () => connection.close();
    return (name) => new Queue(name, { ...QUEUE_OPTIONS, connection: options }, (queueName, opts) => new PostgresQueueBackend(connection, queueName, opts, false));
  }

  /**
   * Calls `listener` each time the Redis connection is ready again, after a restart that may have
   * lost every key; returns how to stop. On PostgreSQL queues there is no such event.
   */
  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => this.readyListeners.delete(listener);
  }

  queue(name: QueueName): AnyQueue {
    return this.queues.get(name)!;
  }

  async add(request: JobRequest): Promise<void> {
    const queue = this.queue(JOB_QUEUE[request.name as JobName]);
    await withTimeout(
      queue.add(request.name, request.payload, { jobId: request.jobId, delay: request.delayMs || undefined }),
      ADD_TIMEOUT_MS,
      `enqueue ${request.jobId}`,
    );
  }

  /** Waiting, active, delayed and failed counts per queue, for readiness and metrics. */
  async depths(): Promise<Record<QueueName, Record<string, number>>> {
    const entries = await Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        const counts = await withTimeout(queue.getJobCounts('waiting', 'active', 'delayed', 'failed'), ADD_TIMEOUT_MS, 'count');
        return [name, counts] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<QueueName, Record<string, number>>;
  }

  async ping(): Promise<void> {
    await withTimeout(this.pingBackend!(), ADD_TIMEOUT_MS, 'queue ping');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close().catch(() => undefined)));
    await this.disconnect?.();
  }
}
