import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { FindingEntity } from './finding.entity.js';

/** A risk manager's acceptance of a finding until a date; when it lapses the finding reopens. */
@Entity('risk_acceptances')
@Index('risk_acceptances_finding_idx', ['findingId', 'createdAt'])
@Index('risk_acceptances_expiry_idx', ['expiresAt'])
export class RiskAcceptanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId: string;

  @ManyToOne(() => FindingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id' })
  finding?: Relation<FindingEntity>;

  @Column({ name: 'approver_id', type: 'uuid' })
  approverId: string;

  @Column({ type: 'text' })
  rationale: string;

  @Column({ name: 'compensating_controls', type: 'text', nullable: true })
  compensatingControls: string | null;

  @Column({ name: 'expires_at', type: 'date' })
  expiresAt: string;

  /** How many different risk managers the policy asked for when it was proposed (1 or 2). */
  @Column({ name: 'required_approvers', type: 'smallint', default: 1 })
  requiredApprovers: number;

  /** The second risk manager, where the policy asks for two; until then the acceptance is pending. */
  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** Set when the acceptance lapsed and the finding was reopened. */
  @Column({ name: 'lapsed_at', type: 'timestamptz', nullable: true })
  lapsedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Proposed by one risk manager where the policy asks for two, and not yet confirmed. */
export function awaitingConfirmation(acceptance: RiskAcceptanceEntity): boolean {
  return acceptance.requiredApprovers > 1 && acceptance.confirmedBy === null && acceptance.lapsedAt === null;
}

/** Confirmed as the policy asks, not lapsed and not past its date: it covers its finding on `today`. */
export function coversOn(acceptance: RiskAcceptanceEntity, today: string): boolean {
  return acceptance.lapsedAt === null && acceptance.expiresAt >= today && !awaitingConfirmation(acceptance);
}
