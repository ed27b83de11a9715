import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AssessmentEntity } from '../assessments/assessment.entity.js';

export const EVIDENCE_REVIEW_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type EvidenceReviewStatus = (typeof EVIDENCE_REVIEW_STATUSES)[number];

/** A document the vendor uploaded for an assessment, stored by content (SHA-256). */
@Entity('evidence')
@Index('evidence_assessment_idx', ['assessmentId', 'createdAt'])
@Index('evidence_sha256_idx', ['sha256'])
@Index('evidence_finding_idx', ['findingId'])
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<AssessmentEntity>;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bigint' })
  size: string;

  /** Decided from the content bytes, never from the name or the client's header. */
  @Column({ name: 'media_type', type: 'text' })
  mediaType: string;

  /** The uploaded file name, cleaned of paths and control characters. */
  @Column({ name: 'original_name', type: 'text' })
  originalName: string;

  @Column({ name: 'storage_key', type: 'text' })
  storageKey: string;

  @Column({ name: 'document_date', type: 'date', nullable: true })
  documentDate: string | null;

  @Column({ name: 'expires_at', type: 'date', nullable: true })
  expiresAt: string | null;

  @Column({ name: 'question_ids', type: 'text', array: true, default: '{}' })
  questionIds: string[];

  /** Uploaded after the decision to show that this condition is met. */
  @Column({ name: 'condition_id', type: 'uuid', nullable: true })
  conditionId: string | null;

  /** Uploaded after submission to show that this remediation item is dealt with. */
  @Column({ name: 'finding_id', type: 'uuid', nullable: true })
  findingId: string | null;

  /** A reviewer's verdict; rejected evidence counts as missing for its questions. */
  @Column({ name: 'review_status', type: 'enum', enum: EVIDENCE_REVIEW_STATUSES, enumName: 'evidence_review_status', default: 'pending' })
  reviewStatus: EvidenceReviewStatus;

  @Column({ name: 'review_reason', type: 'text', nullable: true })
  reviewReason: string | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
