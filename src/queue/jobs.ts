/**
 * The typed job registry: every queue, every job, and the one payload type of each job.
 * A job name belongs to exactly one queue; the worker checks at start-up that each job name
 * has exactly one handler.
 */
export enum QueueName {
  Notifications = 'notifications',
  Reports = 'reports',
  Maintenance = 'maintenance',
  Schedules = 'schedules',
  Validations = 'validations',
  Webhooks = 'webhooks',
}

export enum JobName {
  SendEmail = 'send-email',
  BuildReport = 'build-report',
  PurgeExpiredTokens = 'purge-expired-tokens',
  Sweep = 'sweep',
  CreateReassessment = 'create-reassessment',
  RunValidation = 'run-validation',
  PurgeValidationSamples = 'purge-validation-samples',
  DeliverWebhook = 'deliver-webhook',
}

/** Why a reassessment job runs: on schedule, or one of the events that call an approval into question. */
export type ReassessmentReason = 'scheduled' | 'model_change' | 'monitoring_red' | 'incident';

export interface JobPayloads {
  [JobName.SendEmail]: { notificationId: string };
  [JobName.BuildReport]: { reportId: string };
  [JobName.PurgeExpiredTokens]: Record<string, never>;
  [JobName.Sweep]: Record<string, never>;
  [JobName.CreateReassessment]: { aiSystemId: string; reason: ReassessmentReason; note?: string };
  [JobName.RunValidation]: { validationId: string };
  [JobName.PurgeValidationSamples]: Record<string, never>;
  [JobName.DeliverWebhook]: { deliveryId: string; round: number; attempt: number };
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.SendEmail]: QueueName.Notifications,
  [JobName.BuildReport]: QueueName.Reports,
  [JobName.PurgeExpiredTokens]: QueueName.Maintenance,
  [JobName.Sweep]: QueueName.Schedules,
  [JobName.CreateReassessment]: QueueName.Schedules,
  [JobName.RunValidation]: QueueName.Validations,
  [JobName.PurgeValidationSamples]: QueueName.Validations,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
};

export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  [QueueName.Notifications]: 4,
  // Drawing is CPU work, gathering is database waits: a few at a time keep the core busy.
  [QueueName.Reports]: 4,
  [QueueName.Maintenance]: 1,
  [QueueName.Schedules]: 1,
  // A run holds its sample in memory and keeps a core busy: one at a time per worker.
  [QueueName.Validations]: 1,
  // Mostly waiting on receivers: several at once, each bounded by WEBHOOK_TIMEOUT_MS.
  [QueueName.Webhooks]: 8,
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
