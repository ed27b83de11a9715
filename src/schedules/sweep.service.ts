import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { isoDate } from '../domain/schedule.js';
import { AssessmentNotices } from './assessment-notices.js';
import { ExpiryNotices } from './expiry-notices.js';
import { add } from './notice-outbox.js';
import { ObligationNotices } from './obligation-notices.js';
import { ReassessmentsService } from './reassessments.service.js';

export interface SweepSummary {
  day: string;
  /** Notices queued by this run, by kind; a second run on the same day queues none. */
  queued: Record<string, number>;
  /** Approvals within their lead time whose reassessment job was (re)enqueued. */
  reassessmentsDue: number;
}

/**
 * Derives from the database everything due today and records it; nothing is remembered between
 * runs. Each part runs even when another failed, then the run fails so the job is retried.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger('sweep');

  constructor(
    private readonly clock: Clock,
    private readonly assessments: AssessmentNotices,
    private readonly obligations: ObligationNotices,
    private readonly expiries: ExpiryNotices,
    private readonly reassessments: ReassessmentsService,
  ) {}

  async run(): Promise<SweepSummary> {
    const day = isoDate(this.clock.now());
    const summary: SweepSummary = { day, queued: {}, reassessmentsDue: 0 };
    const notices: [string, (day: string) => Promise<Record<string, number>>][] = [
      ['assessments', (d) => this.assessments.sweep(d)],
      ['obligations', (d) => this.obligations.sweep(d)],
      ['expiries', (d) => this.expiries.sweep(d)],
      [
        'reassessments',
        async (d) => {
          summary.reassessmentsDue = await this.reassessments.sweep(d);
          return {};
        },
      ],
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
    this.logger.log(summary, 'sweep done');
    return summary;
  }
}
