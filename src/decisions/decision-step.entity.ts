import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../domain/assessment-state.js';

/** proposed, then confirmed; or disagreed (by the second risk manager) or voided (by a clarification). */
export const DECISION_STEPS = ['proposed', 'confirmed', 'disagreed', 'voided'] as const;
export type DecisionStep = (typeof DECISION_STEPS)[number];

/** Every proposal, confirmation and disagreement on an assessment's decisions, never changed. */
@Entity('decision_steps')
@Index('decision_steps_assessment_idx', ['assessmentId', 'createdAt'])
export class DecisionStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId: string;

  @Column({ type: 'enum', enum: DECISION_STEPS, enumName: 'decision_step' })
  step: DecisionStep;

  @Column({ type: 'enum', enum: DECISION_OUTCOMES, enumName: 'decision_outcome' })
  outcome: DecisionOutcome;

  @Column({ type: 'text' })
  rationale: string;

  /** Null when the system voided it (a clarification was requested). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** The person's name as it was then, so the record reads the same after a rename. */
  @Column({ name: 'actor_name', type: 'text' })
  actorName: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
