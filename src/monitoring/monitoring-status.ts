import type { DataSource } from 'typeorm';
import type { Cadence } from '../domain/monitoring/periods.js';
import { nextDueDate } from '../domain/monitoring/periods.js';
import { worstRating, type Rating } from '../domain/monitoring/rating.js';
import type { PlanMetric } from './monitoring-plan.entity.js';

export interface MonitoringStatus {
  worstCurrent: Rating | null;
  lastSubmissionAt: string | null;
  nextDue: string | null;
}

/** The monitoring status of many AI systems in two queries, whatever their number: for inventory pages. */
export async function monitoringStatuses(db: DataSource, aiSystemIds: string[], today: string): Promise<Map<string, MonitoringStatus>> {
  const plans: { ai_system_id: string; metrics: PlanMetric[]; submission_window_days: number; active_from: string }[] = await db.query(
    `SELECT ai_system_id, metrics, submission_window_days, active_from::text AS active_from FROM monitoring_plans WHERE status = 'active' AND ai_system_id = ANY($1::uuid[])`,
    [aiSystemIds],
  );
  const latest: { ai_system_id: string; metric_key: string; rating: Rating; period_end: string; last_at: Date }[] = await db.query(
    `SELECT DISTINCT ON (ai_system_id, metric_key) ai_system_id, metric_key, rating, period_end::text AS period_end, max(created_at) OVER (PARTITION BY ai_system_id) AS last_at
     FROM monitoring_readings WHERE ai_system_id = ANY($1::uuid[]) ORDER BY ai_system_id, metric_key, period_end DESC`,
    [aiSystemIds],
  );
  const statuses = new Map<string, MonitoringStatus>();
  for (const plan of plans) {
    const readings = latest.filter((r) => r.ai_system_id === plan.ai_system_id);
    const current = plan.metrics.flatMap((m) => readings.filter((r) => r.metric_key === m.key).map((r) => r.rating));
    const dues = plan.metrics.map((m) => nextDueDate(m.cadence as Cadence, plan.active_from, today, plan.submission_window_days, readings.find((r) => r.metric_key === m.key)?.period_end ?? null));
    statuses.set(plan.ai_system_id, { worstCurrent: worstRating(current), lastSubmissionAt: readings[0]?.last_at ? new Date(readings[0].last_at).toISOString() : null, nextDue: dues.sort()[0] ?? null });
  }
  return statuses;
}
