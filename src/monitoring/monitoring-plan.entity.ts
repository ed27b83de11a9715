import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import type { Direction } from '../domain/monitoring/metric-catalogue.js';
import type { Cadence } from '../domain/monitoring/periods.js';
import type { Thresholds } from '../domain/monitoring/rating.js';

/** proposed (waiting for a second risk manager) -> active -> superseded; a proposal replaced before approval is withdrawn. */
export const PLAN_STATUSES = ['proposed', 'active', 'superseded', 'withdrawn'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const METRIC_SOURCES = ['vendor', 'sample', 'staff'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

/** One watched metric of a plan version, as approved. */
export interface PlanMetric {
  key: string;
  unit: string;
  direction: Direction;
  thresholds: Thresholds;
  cadence: Cadence;
  source: MetricSource;
  /** First line: the staff user told of an amber. */
  ownerId: string;
  /** Told when a finding is drafted. */
  escalationContactId: string;
}

/** A version of an AI system's monitoring plan; every PUT writes a new one, never an update of the metrics. */
@Entity('monitoring_plans')
@Index('monitoring_plans_system_version_idx', ['aiSystemId', 'version'], { unique: true })
export class MonitoringPlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'enum', enum: PLAN_STATUSES, enumName: 'monitoring_plan_status', default: 'proposed' })
  status: PlanStatus;

  @Column({ type: 'jsonb' })
  metrics: PlanMetric[];

  /** Days after a period ends that its figures are due. */
  @Column({ name: 'submission_window_days', type: 'integer' })
  submissionWindowDays: number;

  @Column({ name: 'authored_by', type: 'uuid', nullable: true })
  authoredBy: string | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  /** The day the plan came into force (UTC); periods ending before it are not chased. */
  @Column({ name: 'active_from', type: 'date', nullable: true })
  activeFrom: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
