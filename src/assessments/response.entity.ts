import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { AnswerValue } from '../domain/answer-conditions.js';
import { AssessmentEntity } from './assessment.entity.js';

/** The vendor's answer to one question of one assessment. */
@Entity('responses')
export class ResponseEntity {
  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @PrimaryColumn({ name: 'question_id', type: 'text' })
  questionId: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<AssessmentEntity>;

  @Column({ type: 'jsonb', nullable: true })
  value: AnswerValue;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'not_applicable', type: 'boolean', default: false })
  notApplicable: boolean;

  @Column({ name: 'not_applicable_reason', type: 'text', nullable: true })
  notApplicableReason: string | null;

  /** Carried forward from the previous cycle: a suggestion until the vendor confirms it. */
  @Column({ type: 'boolean', default: false })
  suggested: boolean;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;
}
