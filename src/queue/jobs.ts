/**
 * The typed job registry: every queue, every job, and the one payload type of each job.
 * A job name belongs to exactly one queue; the worker checks at start-up that each job name
 * has exactly one handler.
 */
export enum QueueName {
  Notifications = 'notifications',
  Maintenance = 'maintenance',
}

export enum JobName {
  SendEmail = 'send-email',
  PurgeExpiredTokens = 'purge-expired-tokens',
}

export interface JobPayloads {
  [JobName.SendEmail]: { notificationId: string };
  [JobName.PurgeExpiredTokens]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendEmail]: QueueName.Notifications,
  [JobName.PurgeExpiredTokens]: QueueName.Maintenance,
};

export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Notifications]: 4,
  [QueueName.Maintenance]: 1,
};

/** A job to run: its id is deterministic so that enqueuing it twice runs it once. */
export interface JobRequest<N extends JobName = JobName> {
  name: N;
  payload: JobPayloads[N];
  jobId: string;
  delayMs?: number;
}

export function job<N extends JobName>(name: N, payload: JobPayloads[N], jobId: string, delayMs?: number): JobRequest<N> {
  // BullMQ reserves ':' in custom job ids.
  return { name, payload, jobId: `${name}.${jobId}`.replace(/:/g, '_'), delayMs };
}
