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

  @ApiPropertyOptional({ enum: ['csv'], description: 'csv: every matching row as CSV, as with Accept: text/csv (for a plain download link)' })
  @IsOptional()
  @IsIn(['csv'])
  format?: 'csv';

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
  @ApiProperty({ type: String, enum: ResidualRisk, nullable: true }) residualRisk: ResidualRisk | null;
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

export class TierResidualCell {
  @ApiProperty({ enum: TIERS }) tier: string;
  @ApiProperty({ enum: ResidualRisk, enumName: 'ResidualRisk' }) residualRisk: string;
  @ApiProperty() aiSystems: number;
}

export class ApprovalsExpiring {
  @ApiProperty({ description: 'Approvals whose valid-until date is today or within 30 days' }) within30Days: number;
  @ApiProperty({ description: 'Within 60 days (includes the 30)' }) within60Days: number;
  @ApiProperty({ description: 'Within 90 days (includes the 60)' }) within90Days: number;
}

export class FindingAge {
  @ApiProperty({ enum: ['critical', 'high', 'medium', 'low'] }) severity: string;
  @ApiProperty({ description: 'Open findings raised in the last 30 days' }) under30Days: number;
  @ApiProperty({ description: 'Open for 30 to 89 days' }) from30To90Days: number;
  @ApiProperty({ description: 'Open for 90 days or more' }) over90Days: number;
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
  @ApiProperty({ type: [TierResidualCell], description: 'Assessed AI systems per inherent tier and residual risk (the heat map); empty cells left out' })
  tierByResidualRisk: TierResidualCell[];
  @ApiProperty({ type: ApprovalsExpiring }) approvalsExpiring: ApprovalsExpiring;
  @ApiProperty({ type: [FindingAge], description: 'Open findings (open or remediation planned) per severity and age, most severe first' })
  openFindingsBySeverity: FindingAge[];
  @ApiProperty({ description: 'Open conditions past their due date' }) conditionsOverdue: number;
}
