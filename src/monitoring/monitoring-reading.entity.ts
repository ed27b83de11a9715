import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { DIRECTIONS, type Direction } from '../domain/monitoring/metric-catalogue.js';
import { CADENCES, type Cadence } from '../domain/monitoring/periods.js';
import { RATINGS, type Rating, type Thresholds } from '../domain/monitoring/rating.js';
import { METRIC_SOURCES, MonitoringPlanEntity, type MetricSource } from './monitoring-plan.entity.js';

/** One submission of figures for a period: by the vendor, by staff, or from a validation run. */
@Entity('monitoring_submissions')
@Index('monitoring_submissions_system_idx', ['aiSystemId', 'createdAt'])
export class MonitoringSubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => MonitoringPlanEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<MonitoringPlanEntity>;

  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'enum', enum: METRIC_SOURCES, enumName: 'monitoring_metric_source' })
  source: MetricSource;

  @Column({ name: 'validation_run_id', type: 'uuid', nullable: true })
  validationRunId: string | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ name: 'finding_ids', type: 'uuid', array: true, default: '{}' })
  findingIds: string[];

  /** Whether a red asked for a reassessment (the job decides whether a cycle could be opened). */
  @Column({ name: 'reassessment_requested', type: 'boolean', default: false })
  reassessmentRequested: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}

/** One metric's figure for one period, rated against the plan version in force; never changed. */
@Entity('monitoring_readings')
@Index('monitoring_readings_metric_period_idx', ['aiSystemId', 'metricKey', 'period'], { unique: true })
@Index('monitoring_readings_series_idx', ['aiSystemId', 'metricKey', 'periodEnd'])
export class MonitoringReadingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'submission_id', type: 'uuid' })
  submissionId: string;

  @ManyToOne(() => MonitoringSubmissionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Relation<MonitoringSubmissionEntity>;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @Column({ name: 'plan_version', type: 'integer' })
  planVersion: number;

  @Column({ name: 'metric_key', type: 'text' })
  metricKey: string;

  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'enum', enum: CADENCES, enumName: 'monitoring_cadence' })
  cadence: Cadence;

  @Column({ name: 'period_end', type: 'date' })
  periodEnd: string;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ type: 'enum', enum: RATINGS, enumName: 'monitoring_rating' })
  rating: Rating;

  @Column({ type: 'enum', enum: DIRECTIONS, enumName: 'monitoring_direction' })
  direction: Direction;

  @Column({ type: 'jsonb' })
  thresholds: Thresholds;

  @Column({ type: 'text' })
  reasoning: string;

  /** What the colour did, in words. */
  @Column({ type: 'text', array: true, default: '{}' })
  actions: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
