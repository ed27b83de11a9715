import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * When the sweep last completed, in the database every process shares: an API-only process can
 * tell a stalled sweep (Redis lost its scheduler, no worker runs) from a healthy one.
 */
@Entity('sweep_runs')
export class SweepRunEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  /** Since when a sweep is expected: a fresh installation is not stale before its first run. */
  @Column({ name: 'expected_since', type: 'timestamptz', default: () => 'now()' })
  expectedSince: Date;

  @Column({ name: 'last_completed_at', type: 'timestamptz', nullable: true })
  lastCompletedAt: Date | null;

  @Column({ name: 'last_summary', type: 'jsonb', nullable: true })
  lastSummary: Record<string, unknown> | null;
}
