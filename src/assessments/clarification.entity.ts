import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AssessmentEntity } from './assessment.entity.js';

/** A reviewer's question back to the vendor, reopening some answers; kept as the thread of the review. */
@Entity('clarifications')
@Index('clarifications_assessment_idx', ['assessmentId', 'createdAt'])
export class ClarificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<AssessmentEntity>;

  @Column({ name: 'question_ids', type: 'text', array: true })
  questionIds: string[];

  @Column({ type: 'text' })
  message: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  /** When the vendor resubmitted after it. */
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
