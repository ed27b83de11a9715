import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { TrackedEntity } from '../database/tracked-entity.js';
import { DecisionEntity } from './decision.entity.js';

/** proposed_met: procurement says it is met; a risk manager confirms (met) or sends it back (open). */
export const CONDITION_STATUSES = ['open', 'proposed_met', 'met', 'waived'] as const;
export type ConditionStatus = (typeof CONDITION_STATUSES)[number];

/** An obligation attached to an approval; open past its due date it is overdue. */
@Entity('conditions')
@Index('conditions_due_idx', ['status', 'dueDate'])
@Index('conditions_ai_system_idx', ['aiSystemId'])
export class ConditionEntity extends TrackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId: string;

  @ManyToOne(() => DecisionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'decision_id' })
  decision?: Relation<DecisionEntity>;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  /** The findings this condition covers; meeting it sends them to retest. */
  @Column({ name: 'finding_ids', type: 'uuid', array: true, default: '{}' })
  findingIds: string[];

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @Column({ type: 'enum', enum: CONDITION_STATUSES, enumName: 'condition_status', default: 'open' })
  status: ConditionStatus;

  /** How it was met (evidence reference or note), or why it was waived. */
  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;

  @Column({ name: 'evidence_ids', type: 'uuid', array: true, default: '{}' })
  evidenceIds: string[];

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy: string | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
