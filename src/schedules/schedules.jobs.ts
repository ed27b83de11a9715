import { Injectable } from '@nestjs/common';
import { JobHandler } from '../queue/job-handler.decorator.js';
import { JobName, type JobPayloads } from '../queue/jobs.js';
import { ReassessmentsService } from './reassessments.service.js';
import { SweepService, type SweepSummary } from './sweep.service.js';

@Injectable()
export class SchedulesJobs {
  constructor(
    private readonly sweeps: SweepService,
    private readonly reassessments: ReassessmentsService,
  ) {}

  /** Every few minutes, from the job scheduler the worker registers. */
  @JobHandler(JobName.Sweep)
  sweep(): Promise<SweepSummary> {
    return this.sweeps.run();
  }

  @JobHandler(JobName.CreateReassessment)
  createReassessment({ aiSystemId, reason, note }: JobPayloads[JobName.CreateReassessment]): Promise<string> {
    return reason === 'scheduled' ? this.reassessments.scheduled(aiSystemId) : this.reassessments.modelChanged(aiSystemId, note);
  }
}
