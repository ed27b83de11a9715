import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { Principal } from '../auth/principal.js';
import { Role } from '../auth/roles.js';
import { assertVendorScope } from '../auth/vendor-scope.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { conflict, notFound, unknownReference, unprocessable, validationFailed, type FieldError } from '../common/errors.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { parsePeriod, type Period } from '../domain/monitoring/periods.js';
import { sampleValue, type RunResults } from '../domain/monitoring/sample-metrics.js';
import { ValidationRunEntity } from '../validation/validation-run.entity.js';
import type { MonitoringSubmissionRequest } from './dto/monitoring-submission.dto.js';
import { MonitoringOutcome, type RatedSubmission } from './monitoring-outcome.js';
import { MonitoringPlanEntity, type MetricSource, type PlanMetric } from './monitoring-plan.entity.js';
import { MonitoringPlansService } from './monitoring-plans.service.js';

interface Figure {
  metric: PlanMetric;
  value: number;
}

/** Figures of a period in: checked against the plan in force, rated, and acted on in one transaction. */
@Injectable()
export class MonitoringSubmissionsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly plans: MonitoringPlansService,
    private readonly outcome: MonitoringOutcome,
  ) {}

  async submit(actor: Actor, principal: Principal, aiSystemId: string, body: MonitoringSubmissionRequest): Promise<RatedSubmission> {
    const system = await this.db.getRepository(AiSystemEntity).findOneBy({ id: aiSystemId });
    if (!system) throw notFound('AI system');
    assertVendorScope(principal, system.vendorId, 'AI system');
    if ((body.values === undefined) === (body.validationRunId === undefined)) {
      throw validationFailed([{ field: 'values', message: 'give either values or validationRunId, not both and not neither' }]);
    }
    const period = parsePeriod(body.period);
    if (!period) throw validationFailed([{ field: 'period', message: 'must be YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY' }], `"${body.period}" names no period`);
    if (period.start > this.clock.today()) throw unprocessable('future_period', `The period ${period.label} has not begun`);
    const { active } = await this.plans.state(aiSystemId);
    if (!active) throw conflict('no_active_plan', 'The AI system has no approved monitoring plan in force');
    const source: MetricSource = body.validationRunId ? 'sample' : principal.role === Role.Vendor ? 'vendor' : 'staff';
    if (source === 'sample' && principal.role !== Role.RiskManager) throw unprocessable('sample_by_risk_manager', 'Figures from a validation run are submitted by a risk manager');
    const figures = body.validationRunId ? await this.fromRun(aiSystemId, body.validationRunId, active, period) : this.fromValues(body.values!, active, period, source);
    return this.uow.run(actor, (work) => this.outcome.record(work, { system, plan: active, period, source, validationRunId: body.validationRunId ?? null, figures }));
  }

  private fromValues(values: { metric: string; value: number }[], plan: MonitoringPlanEntity, period: Period, source: MetricSource): Figure[] {
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    const figures = values.flatMap(({ metric: key, value }, i): Figure[] => {
      const metric = plan.metrics.find((m) => m.key === key);
      const field = `values[${i}].metric`;
      if (!metric) errors.push({ field, message: `${key} is not in the monitoring plan in force (version ${plan.version})` });
      else if (seen.has(key)) errors.push({ field, message: 'appears twice' });
      else if (metric.cadence !== period.cadence) errors.push({ field, message: `${key} is reported ${metric.cadence.replace('_', '-')}, not for a ${period.cadence.replace('_', '-')} period` });
      else if (metric.source !== source) errors.push({ field, message: `${key} comes from the ${metric.source === 'sample' ? 'validation sample' : metric.source}, not from the ${source}` });
      seen.add(key);
      return metric && errors.length === 0 ? [{ metric, value }] : [];
    });
    if (errors.length) throw unprocessable('not_in_plan', `The figures do not fit the plan in force: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, { errors });
    return figures;
  }

  private async fromRun(aiSystemId: string, runId: string, plan: MonitoringPlanEntity, period: Period): Promise<Figure[]> {
    const run = await this.db.getRepository(ValidationRunEntity).findOneBy({ id: runId, aiSystemId, status: 'done' });
    if (!run) throw unknownReference('validationRunId', 'finished validation run of this AI system');
    const results = (run.results ?? {}) as RunResults;
    const figures = plan.metrics
      .filter((m) => m.source === 'sample' && m.cadence === period.cadence)
      .flatMap((metric) => {
        const value = sampleValue(metric.key, results);
        return value === null ? [] : [{ metric, value }];
      });
    if (figures.length === 0) throw unprocessable('no_sample_metrics', `The run measured none of the plan’s ${period.cadence.replace('_', '-')} sample metrics`);
    return figures;
  }

}
