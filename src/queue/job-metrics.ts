import { Histogram, register } from 'prom-client';

function histogram(name: string, help: string, labelNames: string[], buckets: number[]) {
  return (register.getSingleMetric(name) as Histogram<string> | undefined) ?? new Histogram({ name, help, labelNames, buckets });
}

export const jobMetrics = {
  duration: histogram('assay_job_duration_seconds', 'Time spent running background jobs', ['queue', 'job', 'outcome'], [
    0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120,
  ]),
};
