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
import { EU_AI_ACT_CATEGORIES, TIERS, type EuAiActCategory, type Tier } from '../domain/tiering.js';
import { VendorEntity } from '../vendors/vendor.entity.js';

export enum ModelType {
  Predictive = 'predictive',
  Generative = 'generative',
  ComputerVision = 'computer_vision',
  Recommender = 'recommender',
  Other = 'other',
}

export enum Hosting {
  VendorSaas = 'vendor_saas',
  VendorApi = 'vendor_api',
  SelfHosted = 'self_hosted',
}

export enum ApprovalStatus {
  NotAssessed = 'not_assessed',
  Approved = 'approved',
  ApprovedWithConditions = 'approved_with_conditions',
  Rejected = 'rejected',
}

export enum ResidualRisk {
  Low = 'low',
  Moderate = 'moderate',
  High = 'high',
  Severe = 'severe',
}

/** The vendor's AI product as we use it; one row of the third-party model inventory. */
@Entity('ai_systems')
@Index('ai_systems_vendor_created_idx', ['vendorId', 'createdAt', 'id'])
@Index('ai_systems_created_idx', ['createdAt', 'id'])
@Index('ai_systems_portfolio_idx', ['inherentTier', 'euAiActCategory', 'approvalStatus', 'approvalValidUntil'])
@Index('ai_systems_valid_until_idx', ['approvalValidUntil'])
export class AiSystemEntity extends TrackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @ManyToOne(() => VendorEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vendor_id' })
  vendor?: Relation<VendorEntity>;

  /** Trigram GIN index (in the migration) for substring search. */
  @Index('ai_systems_name_trgm_idx', { synchronize: false })
  @Column({ type: 'text' })
  name: string;

  /** The vendor's product or model version as it is in use. */
  @Column({ name: 'model_version', type: 'text' })
  modelVersion: string;

  @Column({ name: 'model_type', type: 'enum', enum: ModelType, enumName: 'model_type' })
  modelType: ModelType;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'enum', enum: Hosting, enumName: 'hosting' })
  hosting: Hosting;

  @Column({ name: 'data_regions', type: 'text', array: true, default: '{}' })
  dataRegions: string[];

  /** Fourth parties: the foundation-model providers the system depends on. */
  @Column({ name: 'foundation_model_providers', type: 'text', array: true, default: '{}' })
  foundationModelProviders: string[];

  /** Send reassessments to the vendor without waiting for procurement. */
  @Column({ name: 'auto_send', type: 'boolean', default: false })
  autoSend: boolean;

  @Column({ name: 'inherent_tier', type: 'enum', enum: TIERS, enumName: 'risk_tier', nullable: true })
  inherentTier: Tier | null;

  @Column({ name: 'eu_ai_act_category', type: 'enum', enum: EU_AI_ACT_CATEGORIES, enumName: 'eu_ai_act_category', nullable: true })
  euAiActCategory: EuAiActCategory | null;

  @Column({ name: 'approval_status', type: 'enum', enum: ApprovalStatus, enumName: 'approval_status', default: ApprovalStatus.NotAssessed })
  approvalStatus: ApprovalStatus;

  @Column({ name: 'residual_risk', type: 'enum', enum: ResidualRisk, enumName: 'residual_risk', nullable: true })
  residualRisk: ResidualRisk | null;

  /** The conditions of the current approval, as decided. */
  @Column({ name: 'approval_conditions', type: 'jsonb', default: () => "'[]'" })
  approvalConditions: { text: string; dueDate: string; status?: string }[];

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  /** The next reassessment due date; past it without a new decision the approval is expired. */
  @Column({ name: 'approval_valid_until', type: 'date', nullable: true })
  approvalValidUntil: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
