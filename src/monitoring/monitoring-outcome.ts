import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import { conflict } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Work } from '../database/unit-of-work.js';
import { DECISION_OUTCOMES } from '../domain/assessment-state.js';
import { colourActions, type ColourActions } from '../domain/monitoring/colour-actions.js';
import type { Period } from '../domain/monitoring/periods.js';
import { rateValue, type Rating } from '../domain/monitoring/rating.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { job, JobName } from '../queue/jobs.js';
import type { Recipient } from '../schedules/schedule-mails.js';
import { monitoringEscalationMail, ratingMail, type ReadingFacts } from './monitoring-mails.js';
import { MONITORING_CONFIG, type MonitoringConfig } from './monitoring.config.js';
import type { MetricSource, MonitoringPlanEntity, PlanMetric } from './monitoring-plan.entity.js';
import { MonitoringReadingEntity, MonitoringSubmissionEntity } from './monitoring-reading.entity.js';
import { describeMetric } from './plan-metrics.js';

export interface SubmissionInput {
  system: AiSystemEntity;
  plan: MonitoringPlanEntity;
  period: Period;
  source: MetricSource;
  validationRunId: string | null;
  figures: { metric: PlanMetric; value: number }[];
}

export interface RatedSubmission {
  submission: MonitoringSubmissionEntity;
  readings: MonitoringReadingEntity[];
  planVersion: number;
}

/** Rates the figures and does what each colour calls for, inside the caller's transaction. */
@Injectable()
export class MonitoringOutcome {
  constructor(
    private readonly notifications: NotificationsService,
    @Inject(MONITORING_CONFIG) private readonly config: MonitoringConfig,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  async record(work: Work, input: SubmissionInput): Promise<RatedSubmission> {
    const { system, plan, period } = input;
    // One submission at a time per AI system, so "the previous period" is what it is.
    await work.manager.query('SELECT id FROM ai_systems WHERE id = $1 FOR UPDATE', [system.id]);
    await notYetSubmitted(work, system.id, period, input.figures.map((f) => f.metric.key));
    const submission = await work.manager.save(
      work.manager.create(MonitoringSubmissionEntity, { aiSystemId: system.id, planId: plan.id, period: period.label, source: input.source, validationRunId: input.validationRunId, submittedBy: work.actor.userId }),
    );
    const decided = await work.manager.findOne(AssessmentEntity, { where: { aiSystemId: system.id, status: In([...DECISION_OUTCOMES]) }, order: { cycle: 'DESC' } });
    const readings: MonitoringReadingEntity[] = [];
    const findingIds: string[] = [];
    let reassess = false;
    for (const { metric, value } of input.figures) {
      const described = describeMetric(metric);
      const rated = rateValue(described.label, value, metric.direction, metric.thresholds);
      const actions = colourActions(rated.rating, await this.previousRatings(work, system.id, metric.key, period), described.family, system.inherentTier, this.config.colourPolicy);
      const reading = await work.manager.save(
        work.manager.create(MonitoringReadingEntity, {
          submissionId: submission.id, aiSystemId: system.id, planVersion: plan.version, metricKey: metric.key, period: period.label, cadence: period.cadence, periodEnd: period.end,
          value, rating: rated.rating, direction: metric.direction, thresholds: { ...metric.thresholds }, reasoning: rated.reasoning, actions: actions.reasons,
        }),
      );
      readings.push(reading);
      if (rated.rating === 'red') {
        work.emit('monitoring.red', { aiSystemId: system.id, vendorId: system.vendorId, readingId: reading.id, metric: metric.key, period: period.label, value, reasoning: rated.reasoning });
      }
      const facts: ReadingFacts = { readingId: reading.id, systemName: system.name, label: described.label, period: period.label, reasoning: rated.reasoning, url: `${this.app.publicUrl}/ai-systems/${system.id}/monitoring` };
      const findingId = await this.act(work, actions, { metric, rating: rated.rating, facts, system, decided });
      if (findingId) findingIds.push(findingId);
      if (actions.reassess) reassess = true;
    }
    if (reassess && this.config.reassessOnRed) {
      const note = `Red monitoring result for ${period.label}: ${readings.filter((r) => r.rating === 'red').map((r) => r.metricKey).join(', ')}`;
      work.enqueue(job(JobName.CreateReassessment, { aiSystemId: system.id, reason: 'monitoring_red', note }, `${system.id}.monitoring_red.${submission.id}`));
    }
    submission.findingIds = findingIds;
    submission.reassessmentRequested = reassess && this.config.reassessOnRed;
    await work.manager.update(MonitoringSubmissionEntity, { id: submission.id }, { findingIds, reassessmentRequested: submission.reassessmentRequested });
    work.audit({
      action: 'monitoring.submitted',
      entityType: 'monitoring_submission',
      entityId: submission.id,
      changes: {
        aiSystemId: { before: null, after: system.id },
        period: { before: null, after: period.label },
        planVersion: { before: null, after: plan.version },
        readings: { before: null, after: readings.map((r) => ({ metric: r.metricKey, value: r.value, rating: r.rating })) },
        findingIds: { before: null, after: findingIds },
        reassessmentRequested: { before: null, after: submission.reassessmentRequested },
      },
    });
    return { submission, readings, planVersion: plan.version };
  }

  /** The same metric's colours in the periods before this one, latest first. */
  private async previousRatings(work: Work, aiSystemId: string, metricKey: string, period: Period): Promise<Rating[]> {
    const rows: { rating: Rating }[] = await work.manager.query(
      `SELECT rating FROM monitoring_readings WHERE ai_system_id = $1 AND metric_key = $2 AND period_end < $3::date ORDER BY period_end DESC LIMIT 10`,
      [aiSystemId, metricKey, period.start],
    );
    return rows.map((row) => row.rating);
  }

  private async act(work: Work, actions: ColourActions, c: { metric: PlanMetric; rating: Rating; facts: ReadingFacts; system: AiSystemEntity; decided: AssessmentEntity | null }): Promise<string | null> {
    const people = await this.people(work, [c.metric.ownerId, c.metric.escalationContactId]);
    const owner = people.get(c.metric.ownerId);
    if (actions.notifyOwner && owner) await this.notifications.queue(work, ratingMail(owner, c.facts, c.rating));
    if (!actions.finding) return null;
    const escalation = people.get(c.metric.escalationContactId);
    const why = c.rating === 'red' ? 'A red result' : 'Ambers in a row';
    if (escalation) await this.notifications.queue(work, monitoringEscalationMail(escalation, c.facts, why));
    // A finding belongs to an assessment: the latest decided one is what the result calls into question.
    if (!c.decided) return null;
    const severity = this.config.colourPolicy.findingSeverity[c.system.inherentTier ?? 'low'];
    const finding = await work.manager.save(
      work.manager.create(FindingEntity, {
        assessmentId: c.decided.id, aiSystemId: c.system.id, vendorId: c.system.vendorId, title: `Monitoring ${c.rating}: ${c.facts.label} for ${c.facts.period}`.slice(0, 300),
        description: `${why}. ${c.facts.reasoning}. Monitoring reading ${c.facts.readingId}.`, severity, status: 'draft', source: 'monitoring', questionIds: [], createdBy: null,
      }),
    );
    work.audit({ action: 'finding.created', entityType: 'finding', entityId: finding.id, changes: { assessmentId: { before: null, after: finding.assessmentId }, severity: { before: null, after: severity }, source: { before: null, after: 'monitoring' }, readingId: { before: null, after: c.facts.readingId } } });
    return finding.id;
  }

  private async people(work: Work, ids: string[]): Promise<Map<string, Recipient>> {
    const rows: Recipient[] = await work.manager.query('SELECT id, email, name FROM users WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL', [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, row]));
  }
}

/** One figure per metric and period: a second is refused, under the AI system's lock so two at once cannot both pass. */
async function notYetSubmitted(work: Work, aiSystemId: string, period: Period, keys: string[]): Promise<void> {
  const done = await work.manager.find(MonitoringReadingEntity, { where: { aiSystemId, period: period.label, metricKey: In(keys) } });
  if (done.length) throw conflict('already_submitted', `${done.map((r) => r.metricKey).join(', ')} already ha${done.length === 1 ? 's' : 've'} a figure for ${period.label}`, { metrics: done.map((r) => r.metricKey) });
}
