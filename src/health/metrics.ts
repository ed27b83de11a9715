import { collectDefaultMetrics, Gauge, Histogram, register } from 'prom-client';

/** Process and Node metrics (RSS, heap, event-loop lag, GC), registered once however many apps a process builds. */
export function collectProcessMetrics(): void {
  if (register.getSingleMetric('process_resident_memory_bytes')) return;
  collectDefaultMetrics({ register });
}

function singleton<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export const httpDuration = singleton(
  'assay_http_request_duration_seconds',
  () =>
    new Histogram({
      name: 'assay_http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
);

export const queueDepth = singleton(
  'assay_queue_jobs',
  () => new Gauge({ name: 'assay_queue_jobs', help: 'Jobs per queue and state', labelNames: ['queue', 'state'] }),
);

export const outboxPending = singleton(
  'assay_outbox_pending',
  () => new Gauge({ name: 'assay_outbox_pending', help: 'Jobs decided but not yet handed to the queue' }),
);

export const notificationsFailed = singleton(
  'assay_notifications_failed',
  () => new Gauge({ name: 'assay_notifications_failed', help: 'E-mails that gave up after their last attempt (GET /api/v1/notifications?status=failed)' }),
);

export const sweepLastRun = singleton(
  'assay_sweep_last_run_timestamp_seconds',
  () => new Gauge({ name: 'assay_sweep_last_run_timestamp_seconds', help: 'When the sweep last completed (Unix time; 0 before the first run)' }),
);
