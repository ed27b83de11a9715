import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditWriter, type AuditEntry } from '../audit/audit.writer.js';
import type { Actor } from '../common/actor.js';
import type { JobRequest } from '../queue/jobs.js';
import { JOB_QUEUE } from '../queue/jobs.js';
import { OutboxEntity } from '../queue/outbox.entity.js';
import { OutboxRelay } from '../queue/outbox.relay.js';
import { recordEvents, type RaisedEvent, type WebhookEventType } from '../webhooks/webhook-events.js';

/** What a use case may touch inside its transaction: the data, the audit trail, the outbox and the events webhooks hear of. */
export class Work {
  readonly auditEntries: AuditEntry[] = [];
  readonly jobs: JobRequest[] = [];
  readonly events: RaisedEvent[] = [];

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
  ) {}

  audit(entry: AuditEntry): void {
    this.auditEntries.push(entry);
  }

  /** Runs the job after this transaction commits; it is dropped if the transaction rolls back. */
  enqueue(job: JobRequest): void {
    this.jobs.push(job);
  }

  /** Tells the subscribed webhooks after this transaction commits; nothing is sent if it rolls back. */
  emit(type: WebhookEventType, data: Record<string, unknown>, dedupeKey?: string): void {
    this.events.push({ type, data, dedupeKey });
  }
}

/**
 * Every mutation runs here: one transaction that writes the data, its audit events and the jobs
 * it decided. Audit events are appended last so the chain lock is held only briefly.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly db: DataSource,
    private readonly auditWriter: AuditWriter,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(actor: Actor, use: (work: Work) => Promise<T>): Promise<T> {
    let queued = false;
    const result = await this.db.transaction(async (manager) => {
      const work = new Work(manager, actor);
      const value = await use(work);
      if (work.events.length) work.jobs.push(...(await recordEvents(manager, work.events)));
      if (work.jobs.length) {
        await manager.insert(
          OutboxEntity,
          work.jobs.map((job) => ({
            queue: JOB_QUEUE[job.name],
            jobName: job.name,
            jobId: job.jobId,
            payload: job.payload as QueryDeepPartialEntity<Record<string, unknown>>,
            delayMs: job.delayMs ?? 0,
          })),
        );
        queued = true;
      }
      await this.auditWriter.append(manager, actor, work.auditEntries);
      return value;
    });
    if (queued) this.relay.kick();
    return result;
  }
}
