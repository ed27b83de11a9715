import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../domain/assessment-state.js';
import { RESIDUAL_RISKS, type ResidualRisk, type ScoreResult } from '../domain/scoring.js';

/** void: a pending decision the second risk manager disagreed with, or that a clarification set aside. */
export interface ProposedCondition {
  text: string;
  dueDate: string;
  ownerId?: string | null;
  findingIds?: string[];
}

export const DECISION_STATUSES = ['pending_confirmation', 'final', 'void'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/**
 * The decision on an assessment: one that stands (not void) per assessment. Where four eyes are
 * needed it is first pending and becomes final when a second, different risk manager confirms it;
 * a disagreement or a clarification voids it, and the voided proposal is kept.
 */
@Entity('decisions')
@Index('decisions_assessment_key', ['assessmentId'], { unique: true, where: 'voided_at IS NULL' })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'RESTRICT' })
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
  proposedConditions: ProposedCondition[];

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedBy: string;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy: string | null;

  /** The second risk manager's own words on confirming. */
  @Column({ name: 'confirmation_rationale', type: 'text', nullable: true })
  confirmationRationale: string | null;

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

  @Column({ name: 'voided_at', type: 'timestamptz', nullable: true })
  voidedAt: Date | null;
}
