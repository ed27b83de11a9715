import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ApprovalStatus, Hosting, ModelType, ResidualRisk } from '../../ai-systems/ai-system.entity.js';
import { PageQuery, PageOf } from '../../common/pagination.js';
import { EU_AI_ACT_CATEGORIES, TIERS, type EuAiActCategory, type Tier } from '../../domain/tiering.js';

export const INVENTORY_STATUSES = [...Object.values(ApprovalStatus), 'expired'] as const;
export type InventoryStatus = (typeof INVENTORY_STATUSES)[number];

export class InventoryQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  vendorId?: string;

  @ApiPropertyOptional({ enum: TIERS })
  @IsOptional()
  @IsEnum(TIERS)
  tier?: Tier;

  @ApiPropertyOptional({ enum: INVENTORY_STATUSES })
  @IsOptional()
  @IsIn(INVENTORY_STATUSES)
  status?: InventoryStatus;

  @ApiPropertyOptional({ enum: EU_AI_ACT_CATEGORIES })
  @IsOptional()
  @IsEnum(EU_AI_ACT_CATEGORIES)
  euAiActCategory?: EuAiActCategory;

  @ApiPropertyOptional({ description: 'AI systems that depend on this foundation-model provider' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  provider?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Next review on or before this date' })
  @IsOptional()
  @IsDateString({ strict: true })
  reviewDueBefore?: string;

  @ApiPropertyOptional({ description: 'Part of the AI system or vendor name, any case' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class InventoryVendor {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() legalName: string;
}

export class InventoryMonitoring {
  @ApiProperty({ enum: ['green', 'amber', 'red'], nullable: true, description: 'The worst latest colour over the metrics of the plan in force' }) worstCurrent: 'green' | 'amber' | 'red' | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSubmissionAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'When the next figures are due (past: late)' }) nextDue: string | null;
}

export class InventoryItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() version: string;
  @ApiProperty({ type: InventoryVendor }) vendor: InventoryVendor;
  @ApiProperty({ enum: ModelType, enumName: 'ModelType' }) modelType: ModelType;
  @ApiProperty({ enum: Hosting, enumName: 'Hosting' }) hosting: Hosting;
  @ApiProperty({ enum: TIERS, nullable: true }) inherentTier: Tier | null;
  @ApiProperty({ enum: EU_AI_ACT_CATEGORIES, nullable: true }) euAiActCategory: EuAiActCategory | null;
  @ApiProperty({ enum: INVENTORY_STATUSES }) approvalStatus: InventoryStatus;
  @ApiProperty({ enum: ResidualRisk, enumName: 'ResidualRisk', nullable: true }) residualRisk: ResidualRisk | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) nextReviewDate: string | null;
  @ApiProperty({ type: [String] }) foundationModelProviders: string[];
  @ApiProperty({ type: [String] }) dataRegions: string[];
  @ApiPropertyOptional({ type: InventoryMonitoring, nullable: true, description: 'Null without a monitoring plan in force; left out of the CSV export' }) monitoring?: InventoryMonitoring | null;
}

export class InventoryPage extends PageOf(InventoryItem) {}

export class ProviderConcentration {
  @ApiProperty({ example: 'OpenAI' }) provider: string;
  @ApiProperty({ description: 'AI systems that depend on it' }) aiSystems: number;
  @ApiProperty({ description: 'Distinct vendors whose systems depend on it' }) vendors: number;
}

export class PortfolioSummary {
  @ApiProperty() aiSystems: number;
  @ApiProperty() vendors: number;
  @ApiProperty({ description: 'AI systems per inherent tier; "untiered" have no intake yet', example: { low: 3, medium: 2, high: 1, critical: 0, untiered: 1 } })
  byTier: Record<string, number>;
  @ApiProperty({ description: 'AI systems per approval status, with expired approvals counted as expired', example: { not_assessed: 2, approved: 3, expired: 1 } })
  byApprovalStatus: Record<string, number>;
  @ApiProperty({ description: 'AI systems per EU AI Act category' })
  byEuAiActCategory: Record<string, number>;
  @ApiProperty({ description: 'Approvals past their valid-until date without a new decision' })
  overdueReassessments: number;
  @ApiProperty({ description: 'Approvals that fall due within 90 days' })
  reviewsDueIn90Days: number;
  @ApiProperty({ type: [ProviderConcentration], description: 'Fourth-party concentration, largest first' })
  concentration: ProviderConcentration[];
}
