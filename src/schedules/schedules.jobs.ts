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
    if (reason === 'scheduled') return this.reassessments.scheduled(aiSystemId);
    if (reason === 'model_change') return this.reassessments.modelChanged(aiSystemId, note);
    return this.reassessments.eventTriggered(aiSystemId, reason, note);
  }
}
