import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AiSystemEntity } from '../ai-systems/ai-system.entity.js';
import { EU_AI_ACT_CATEGORIES, TIERS, type EuAiActCategory, type FiredRule, type Tier } from '../domain/tiering.js';

/** A risk manager's ruling that a stopping (Article 5) rule does not apply, or falls within its exception. */
export interface Article5Ruling {
  ruleId: string;
  legalReference: string;
  reason: string;
  ruledBy: string;
  ruledAt: string;
}

/** An intake that lowers the tier of a system already assessed waits for a risk manager's sign-off. */
export interface TierSignOff {
  previousTier: Tier;
  status: 'pending' | 'signed_off';
  signedOffBy: string | null;
  signedOffAt: string | null;
  rationale: string | null;
}

/**
 * How the organisation means to use an AI system, and the inherent risk that follows. The answers
 * never change; only a risk manager's rulings on Article 5 rules and a tier sign-off are added.
 */
@Entity('intakes')
@Index('intakes_ai_system_idx', ['aiSystemId', 'createdAt'])
@Index('intakes_created_idx', ['createdAt', 'id'])
export class IntakeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'ai_system_id', type: 'uuid' })
  aiSystemId: string;

  @ManyToOne(() => AiSystemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ai_system_id' })
  aiSystem?: Relation<AiSystemEntity>;

  @Column({ name: 'use_case', type: 'text' })
  useCase: string;

  @Column({ name: 'business_owner', type: 'text', nullable: true })
  businessOwner: string | null;

  @Column({ type: 'jsonb' })
  answers: Record<string, unknown>;

  /** The intake form version whose rules produced the tier. */
  @Column({ name: 'form_version', type: 'text' })
  formVersion: string;

  @Column({ name: 'inherent_tier', type: 'enum', enum: TIERS, enumName: 'risk_tier' })
  inherentTier: Tier;

  @Column({ name: 'eu_ai_act_category', type: 'enum', enum: EU_AI_ACT_CATEGORIES, enumName: 'eu_ai_act_category' })
  euAiActCategory: EuAiActCategory;

  @Column({ name: 'can_proceed', type: 'boolean' })
  canProceed: boolean;

  @Column({ type: 'jsonb' })
  reasons: FiredRule[];

  @Column({ name: 'article5_rulings', type: 'jsonb', default: () => "'[]'" })
  article5Rulings: Article5Ruling[];

  @Column({ name: 'tier_sign_off', type: 'jsonb', nullable: true })
  tierSignOff: TierSignOff | null;

  /** The requester: separation of duties forbids them to decide the assessment. */
  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
