import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { TrackedEntity } from '../database/tracked-entity.js';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { ASSESSMENT_STATES, type AssessmentState } from '../domain/assessment-state.js';
import type { ScoreResult } from '../domain/scoring.js';
import { TIERS, type Tier } from '../domain/tiering.js';
import { IntakeEntity } from '../intakes/intake.entity.js';
import { VendorEntity } from '../vendors/vendor.entity.js';

export const ASSESSMENT_TRIGGERS = ['initial', 'scheduled', 'model_change', 'incident', 'scope_change', 'evidence_expired', 'other', 'monitoring_red'] as const;
export type AssessmentTrigger = (typeof ASSESSMENT_TRIGGERS)[number];

/** An immutable questionnaire version the assessment was frozen on. */
export interface FrozenQuestionnaire {
  key: string;
  version: string;
  contentHash: string;
}

/** One due-diligence cycle of an AI system: questions frozen at creation, answered by the vendor. */
@Entity('assessments')
@Index('assessments_system_cycle_key', ['aiSystemId', 'cycle'], { unique: true })
@Index('assessments_vendor_idx', ['vendorId', 'status'])
@Index('assessments_due_idx', ['dueDate', 'id'])
export class AssessmentEntity extends TrackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id' })
  aiSystem?: Relation<AiSystemEntity>;

  /** Copied from the AI system so vendor scoping is one comparison. */
  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @ManyToOne(() => VendorEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Relation<VendorEntity>;

  @Column({ name: 'intake_id', type: 'uuid' })
  intakeId: string;

  @ManyToOne(() => IntakeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'intake_id' })
  intake?: Relation<IntakeEntity>;

  /** Why this cycle exists: the first assessment, the schedule, or an event. */
  @Column({ type: 'enum', enum: ASSESSMENT_TRIGGERS, enumName: 'assessment_trigger', default: 'initial' })
  trigger: AssessmentTrigger;

  @Column({ name: 'trigger_note', type: 'text', nullable: true })
  triggerNote: string | null;

  /** 1 for the first assessment of the AI system, then one more per reassessment. */
  @Column({ type: 'integer' })
  cycle: number;

  @Column({ type: 'enum', enum: ASSESSMENT_STATES, enumName: 'assessment_status', default: 'draft' })
  status: AssessmentState;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'inherent_tier', type: 'enum', enum: TIERS, enumName: 'risk_tier' })
  inherentTier: Tier;

  @Column({ type: 'jsonb' })
  questionnaires: FrozenQuestionnaire[];

  /** The intake's requester, who may never decide this assessment. */
  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId: string | null;

  /** Questions a clarification reopened for the vendor; empty otherwise. */
  @Column({ name: 'reopened_question_ids', type: 'text', array: true, default: '{}' })
  reopenedQuestionIds: string[];

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** The score computed at the last submission, with its explanation (staff only). */
  @Column({ type: 'jsonb', nullable: true })
  score: ScoreResult | null;

  @Column({ name: 'review_started_at', type: 'timestamptz', nullable: true })
  reviewStartedAt: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
