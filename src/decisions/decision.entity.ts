import { Column, CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../domain/assessment-state.js';
import { RESIDUAL_RISKS, type ResidualRisk, type ScoreResult } from '../domain/scoring.js';

export const DECISION_STATUSES = ['pending_confirmation', 'final'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * The one decision on an assessment (unique per assessment). On a critical tier it is first
 * pending and becomes final when a second, different risk manager confirms it.
 */
@Entity('decisions')
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('decisions_assessment_key', { unique: true })
  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @OneToOne(() => AssessmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<AssessmentEntity>;

  @Column({ type: 'enum', enum: DECISION_OUTCOMES, enumName: 'decision_outcome' })
  outcome: DecisionOutcome;

  @Column({ type: 'enum', enum: DECISION_STATUSES, enumName: 'decision_status' })
  status: DecisionStatus;

  @Column({ type: 'text' })
  rationale: string;

  /** The conditions as decided; the tracked obligations are rows of `conditions`. */
  @Column({ name: 'proposed_conditions', type: 'jsonb', default: () => "'[]'" })
  proposedConditions: { text: string; dueDate: string; ownerId?: string | null }[];

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedBy: string;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @Column({ name: 'residual_risk', type: 'enum', enum: RESIDUAL_RISKS, enumName: 'residual_risk' })
  residualRisk: ResidualRisk;

  @Column({ name: 'control_score', type: 'numeric', precision: 5, scale: 1, nullable: true })
  controlScore: string | null;

  /** The score as it stood when decided, with its explanation. */
  @Column({ type: 'jsonb' })
  score: ScoreResult;

  /** Next reassessment due date, by tier; null for a rejection. */
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finalised_at', type: 'timestamptz', nullable: true })
  finalisedAt: Date | null;
}
