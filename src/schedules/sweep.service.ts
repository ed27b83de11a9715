import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { isoDate } from '../domain/schedule.js';
import { AssessmentNotices } from './assessment-notices.js';
import { ExpiryNotices } from './expiry-notices.js';
import { IncidentNotices } from '../incidents/incident-notices.js';
import { MonitoringNotices } from '../monitoring/monitoring-notices.js';
import { add } from './notice-outbox.js';
import { ObligationNotices } from './obligation-notices.js';
import { OverdueConditionEvents } from './overdue-condition-events.js';
import { NotificationRetries } from '../notifications/notification-retries.js';
import { ReportRecovery } from '../reports/report-recovery.js';
import { ReassessmentsService } from './reassessments.service.js';
import { SweepHealth } from './sweep-health.js';
import { WebhookRecovery } from '../webhooks/webhook-recovery.js';

export interface SweepSummary {
  day: string;
  /** Notices queued by this run, by kind; a second run on the same day queues none. */
  queued: Record<string, number>;
  /** Approvals within their lead time whose reassessment job was (re)enqueued. */
  reassessmentsDue: number;
  /** Work a dead worker left behind: queued again, or given up after its last attempt. */
  recovered: Record<string, number>;
}

/** Folds a recovery's counts into the summary as `<what>_<outcome>`; it queues no notices itself. */
function recovered(summary: SweepSummary, what: string, counts: Record<string, number>): Record<string, number> {
  for (const [outcome, value] of Object.entries(counts)) if (value) summary.recovered[`${what}_${outcome}`] = value;
  return {};
}

/**
 * Derives from the database everything due today and records it, and queues again the work a
 * dead worker left behind (report builds, e-mails); nothing is remembered between runs. Each
 * part runs even when another failed, then the run fails (and records no completed run).
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger('sweep');

  constructor(
    private readonly clock: Clock,
    private readonly assessments: AssessmentNotices,
    private readonly obligations: ObligationNotices,
    private readonly expiries: ExpiryNotices,
    private readonly monitoring: MonitoringNotices,
    private readonly incidents: IncidentNotices,
    private readonly reassessments: ReassessmentsService,
    private readonly reports: ReportRecovery,
    private readonly notifications: NotificationRetries,
    private readonly health: SweepHealth,
    private readonly overdueConditions: OverdueConditionEvents,
    private readonly webhooks: WebhookRecovery,
  ) {}

  async run(): Promise<SweepSummary> {
    const day = isoDate(this.clock.now());
    const summary: SweepSummary = { day, queued: {}, reassessmentsDue: 0, recovered: {} };
    const notices: [string, (day: string) => Promise<Record<string, number>>][] = [
      ['assessments', (d) => this.assessments.sweep(d)],
      ['obligations', (d) => this.obligations.sweep(d)],
      ['expiries', (d) => this.expiries.sweep(d)],
      ['condition events', (d) => this.overdueConditions.sweep(d)],
      ['monitoring', (d) => this.monitoring.sweep(d)],
      ['incidents', () => this.incidents.sweep()],
      [
        'reassessments',
        async (d) => {
          summary.reassessmentsDue = await this.reassessments.sweep(d);
          return {};
        },
      ],
      ['reports', async () => recovered(summary, 'report', await this.reports.sweep())],
      ['notifications', async () => recovered(summary, 'notification', await this.notifications.sweep())],
      ['webhooks', async () => recovered(summary, 'webhook_delivery', await this.webhooks.sweep())],
    ];
    const failed: string[] = [];
    for (const [name, part] of notices) {
      try {
        add(summary.queued, await part(day));
      } catch (error) {
        this.logger.error({ part: name, err: (error as Error).message }, 'sweep part failed');
        failed.push(`${name}: ${(error as Error).message}`);
      }
    }
    if (failed.length) throw new Error(`The sweep of ${day} failed in ${failed.join('; ')}`);
    await this.health.completed(summary);
    this.logger.log(summary, 'sweep done');
    return summary;
  }
}
