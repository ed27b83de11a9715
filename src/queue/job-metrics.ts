import { Counter, Histogram, register } from 'prom-client';

function histogram(name: string, help: string, labelNames: string[], buckets: number[]) {
  return (register.getSingleMetric(name) as Histogram<string> | undefined) ?? new Histogram({ name, help, labelNames, buckets });
}

function counter(name: string, help: string, labelNames: string[]) {
  return (register.getSingleMetric(name) as Counter<string> | undefined) ?? new Counter({ name, help, labelNames });
}

export const jobMetrics = {
  duration: histogram('assay_job_duration_seconds', 'Time spent running background jobs', ['queue', 'job', 'outcome'], [
    0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120,
  ]),
  /** Every failed attempt, stalled ones included: BullMQ reports them all as `failed`. */
  failures: counter('assay_job_failures_total', 'Background job attempts that failed', ['queue', 'job']),
};
