import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { job, JobName, type JobRequest } from '../queue/jobs.js';

/** Every event a webhook may subscribe to. `monitoring.red` and `incident.reported` are raised by monitoring and incidents. */
export const WEBHOOK_EVENT_TYPES = [
  'assessment.submitted',
  'decision.recorded',
  'finding.opened',
  'finding.closed',
  'condition.overdue',
  'reassessment.opened',
  'monitoring.red',
  'incident.reported',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An event raised inside a unit of work; `dedupeKey` makes one that may be raised again (by a sweep, say) count once. */
export interface RaisedEvent {
  type: WebhookEventType;
  data: Record<string, unknown>;
  dedupeKey?: string;
}

/** The job that makes one attempt; its id names the redelivery round and the attempt, so each is queued once. */
export function deliveryJob(deliveryId: string, round: number, attempt: number, delayMs?: number): JobRequest {
  return job(JobName.DeliverWebhook, { deliveryId, round, attempt }, `${deliveryId}.${round}.${attempt}`, delayMs);
}

/**
 * Records the events and one delivery per subscribed webhook, in the caller's transaction, and
 * returns the jobs to put in the outbox with them: an event is sent if and only if its change commits.
 */
export async function recordEvents(manager: EntityManager, events: RaisedEvent[]): Promise<JobRequest[]> {
  const jobs: JobRequest[] = [];
  for (const event of events) {
    const recorded: { id: string }[] = await manager.query(
      `INSERT INTO webhook_events (type, dedupe_key, data) VALUES ($1, $2, $3) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [event.type, event.dedupeKey ?? `${event.type}:${randomUUID()}`, event.data],
    );
    if (recorded.length === 0) continue;
    const deliveries: { id: string }[] = await manager.query(
      `INSERT INTO webhook_deliveries (webhook_id, event_id) SELECT w.id, $1 FROM webhooks w WHERE w.deleted_at IS NULL AND $2 = ANY(w.events) RETURNING id`,
      [recorded[0].id, event.type],
    );
    for (const { id } of deliveries) jobs.push(deliveryJob(id, 0, 0));
  }
  return jobs;
}
