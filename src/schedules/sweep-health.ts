import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SCHEDULES_CONFIG, type SchedulesConfig } from './schedules.config.js';
import type { SweepSummary } from './sweep.service.js';

/** Missing this many runs in a row means the sweep stopped (reminders, escalations, recoveries with it). */
const STALE_AFTER_INTERVALS = 3;

export interface SweepHealthState {
  lastCompletedAt: Date | null;
  stale: boolean;
}

/** The sweep's heartbeat, kept in the database so that every process, API-only ones too, can report it. */
@Injectable()
export class SweepHealth {
  constructor(
    private readonly db: DataSource,
    @Inject(SCHEDULES_CONFIG) private readonly config: SchedulesConfig,
  ) {}

  async completed(summary: SweepSummary): Promise<void> {
    await this.db.query(
      `INSERT INTO sweep_runs (name, last_completed_at, last_summary) VALUES ('sweep', now(), $1)
       ON CONFLICT (name) DO UPDATE SET last_completed_at = excluded.last_completed_at, last_summary = excluded.last_summary`,
      [JSON.stringify(summary)],
    );
  }

  async state(): Promise<SweepHealthState> {
    const [row] = (await this.db.query(
      `SELECT last_completed_at AS "lastCompletedAt", coalesce(last_completed_at, expected_since) < now() - make_interval(secs => $1) AS stale
       FROM sweep_runs WHERE name = 'sweep'`,
      [this.config.sweepIntervalSeconds * STALE_AFTER_INTERVALS],
    )) as SweepHealthState[];
    return row ?? { lastCompletedAt: null, stale: true };
  }
}
