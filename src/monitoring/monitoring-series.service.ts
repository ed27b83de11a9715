import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { worstRating } from '../domain/monitoring/rating.js';
import type { MetricSeriesResponse, MonitoringSeriesResponse, RatedReadingResponse } from './dto/monitoring-submission.dto.js';
import type { RatedSubmission } from './monitoring-outcome.js';
import { MonitoringReadingEntity, MonitoringSubmissionEntity } from './monitoring-reading.entity.js';
import { MonitoringPlansService } from './monitoring-plans.service.js';
import { describeMetric, familyOf } from './plan-metrics.js';
import { resolveMetricKey } from '../domain/monitoring/metric-catalogue.js';

/** The time series per metric: every period's value and colour, with the thresholds it was rated against. */
@Injectable()
export class MonitoringSeriesService {
  constructor(
    private readonly db: DataSource,
    private readonly plans: MonitoringPlansService,
  ) {}

  async series(aiSystemId: string): Promise<MonitoringSeriesResponse> {
    const { active } = await this.plans.read(aiSystemId);
    const readings = await this.db.getRepository(MonitoringReadingEntity).find({ where: { aiSystemId }, order: { periodEnd: 'ASC', metricKey: 'ASC' } });
    const last = await this.db.getRepository(MonitoringSubmissionEntity).findOne({ where: { aiSystemId }, order: { createdAt: 'DESC' } });
    const planned = active?.metrics ?? [];
    const keys = [...planned.map((m) => m.key), ...new Set(readings.map((r) => r.metricKey).filter((k) => !planned.some((m) => m.key === k)))];
    const metrics = keys.map((key): MetricSeriesResponse => {
      const inPlan = planned.find((m) => m.key === key);
      const points = readings.filter((r) => r.metricKey === key);
      const described = inPlan ? describeMetric(inPlan) : null;
      const resolved = resolveMetricKey(key);
      const known = 'metric' in resolved ? resolved.metric : null;
      return {
        key,
        label: described?.label ?? key,
        family: familyOf(key),
        unit: inPlan?.unit ?? known?.unit ?? '',
        direction: inPlan?.direction ?? points.at(-1)?.direction ?? known?.direction ?? 'higher_is_better',
        inPlan: Boolean(inPlan),
        thresholds: inPlan ? { ...inPlan.thresholds } : null,
        cadence: inPlan?.cadence ?? null,
        current: points.at(-1)?.rating ?? null,
        series: points.map((r) => ({ period: r.period, periodEnd: r.periodEnd, value: r.value, rating: r.rating, reasoning: r.reasoning, thresholds: { ...r.thresholds }, planVersion: r.planVersion, submittedAt: r.createdAt.toISOString() })),
      };
    });
    const current = metrics.filter((m) => m.inPlan && m.current).map((m) => m.current!);
    return { aiSystemId, planVersion: active?.version ?? null, worstCurrent: worstRating(current), lastSubmissionAt: last?.createdAt.toISOString() ?? null, metrics };
  }
}

export function readingResponse(reading: MonitoringReadingEntity): RatedReadingResponse {
  return { metric: reading.metricKey, value: reading.value, rating: reading.rating, reasoning: reading.reasoning, thresholds: { ...reading.thresholds }, direction: reading.direction, actions: reading.actions };
}

export function submissionResponse({ submission, readings, planVersion }: RatedSubmission, forVendor: boolean) {
  return {
    id: submission.id,
    aiSystemId: submission.aiSystemId,
    period: submission.period,
    planVersion,
    source: submission.source,
    validationRunId: submission.validationRunId,
    readings: readings.map(readingResponse),
    // Findings are internal: a vendor sees its colours, not what the second line opened.
    findingIds: forVendor ? [] : submission.findingIds,
    reassessmentRequested: forVendor ? false : submission.reassessmentRequested,
    createdAt: submission.createdAt.toISOString(),
  };
}
