import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { TrackedEntity } from '../database/tracked-entity.js';
import { AssessmentEntity } from '../assessments/assessment.entity.js';

export const FINDING_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** draft (raised automatically, not yet confirmed) -> open -> remediation_planned -> remediated -> closed; or accepted, or dismissed. */
export const FINDING_STATUSES = ['draft', 'open', 'remediation_planned', 'remediated', 'closed', 'accepted', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_SOURCES = ['manual', 'knockout', 'low_score', 'inconsistent_with_intake', 'validation', 'monitoring', 'incident'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** A weakness found in review; vendor-facing findings are the vendor's remediation items. */
@Entity('findings')
@Index('findings_assessment_idx', ['assessmentId', 'createdAt'])
@Index('findings_status_idx', ['status', 'dueDate'])
@Index('findings_vendor_idx', ['vendorId', 'status'])
@Index('findings_created_idx', ['createdAt', 'id'])
@Index('findings_vendor_created_idx', ['vendorId', 'createdAt', 'id'])
export class FindingEntity extends TrackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessment_id' })
  assessment?: Relation<AssessmentEntity>;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'enum', enum: FINDING_SEVERITIES, enumName: 'finding_severity' })
  severity: FindingSeverity;

  /** The highest severity the finding ever had, kept once it is lowered: risk acceptance answers to it. */
  @Column({ name: 'highest_severity', type: 'enum', enum: FINDING_SEVERITIES, enumName: 'finding_severity', nullable: true })
  highestSeverity: FindingSeverity | null;

  @Column({ type: 'enum', enum: FINDING_STATUSES, enumName: 'finding_status', default: 'open' })
  status: FindingStatus;

  @Column({ type: 'enum', enum: FINDING_SOURCES, enumName: 'finding_source', default: 'manual' })
  source: FindingSource;

  @Column({ name: 'question_ids', type: 'text', array: true, default: '{}' })
  questionIds: string[];

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ name: 'remediation_plan', type: 'text', nullable: true })
  remediationPlan: string | null;

  @Column({ name: 'retest_result', type: 'text', nullable: true })
  retestResult: string | null;

  @Column({ name: 'visible_to_vendor', type: 'boolean', default: false })
  visibleToVendor: boolean;

  /** Why it was dismissed in triage or review; required for a dismissal. */
  @Column({ name: 'dismissal_reason', type: 'text', nullable: true })
  dismissalReason: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
