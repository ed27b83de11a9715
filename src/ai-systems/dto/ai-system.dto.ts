import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery, PageOf } from '../../common/pagination.js';
import { EU_AI_ACT_CATEGORIES, TIERS, type EuAiActCategory, type Tier } from '../../domain/tiering.js';
import { trim } from '../../vendors/dto/vendor.dto.js';
import { ApprovalStatus, Hosting, ModelType, ResidualRisk, type AiSystemEntity } from '../ai-system.entity.js';

const uniqueTrimmed = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((item) => (typeof item === 'string' ? item.trim() : item)))] : value;
const NAME_ITEM = /^[^\s].{0,79}$/;
const REGION = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/;

export class ApprovalConditionResponse {
  @ApiPropertyOptional({ format: 'uuid' }) id?: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiPropertyOptional({ enum: ['open', 'met', 'waived'] }) status?: string;
  @ApiProperty({ description: 'Open and past its due date' }) overdue: boolean;
}

export class ApprovalResponse {
  @ApiProperty({ enum: [...Object.values(ApprovalStatus), 'expired'], description: 'expired: past its valid-until date without a new decision' })
  status: ApprovalStatus | 'expired';
  @ApiProperty({ type: String, enum: ResidualRisk, nullable: true }) residualRisk: ResidualRisk | null;
  @ApiProperty({ type: [ApprovalConditionResponse] }) conditions: ApprovalConditionResponse[];
  @ApiProperty({ type: Date, nullable: true }) approvedAt: Date | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Next reassessment due date' }) validUntil: string | null;
  @ApiProperty({ description: 'Conditions of the approval that are open past their due date' }) overdueConditions: number;
}

export function approvalStatusOn(system: AiSystemEntity, today: string): ApprovalStatus | 'expired' {
  const approved = system.approvalStatus === ApprovalStatus.Approved || system.approvalStatus === ApprovalStatus.ApprovedWithConditions;
  return approved && system.approvalValidUntil !== null && system.approvalValidUntil < today ? 'expired' : system.approvalStatus;
}

export class AiSystemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty({ example: 'Acme CreditScore' }) name: string;
  @ApiProperty({ example: '4.2.0', description: 'The product or model version in use' }) version: string;
  @ApiProperty({ enum: ModelType, enumName: 'ModelType' }) modelType: ModelType;
  @ApiProperty() description: string;
  @ApiProperty({ enum: Hosting, enumName: 'Hosting' }) hosting: Hosting;
  @ApiProperty({ type: [String], example: ['EU'] }) dataRegions: string[];
  @ApiProperty({ type: [String], example: ['OpenAI'], description: 'Fourth parties' }) foundationModelProviders: string[];
  @ApiProperty() autoSend: boolean;
  @ApiProperty({ enum: TIERS, nullable: true, description: 'From the latest intake' }) inherentTier: Tier | null;
  @ApiProperty({ enum: EU_AI_ACT_CATEGORIES, nullable: true }) euAiActCategory: EuAiActCategory | null;
  @ApiProperty({ type: ApprovalResponse }) approval: ApprovalResponse;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  /** `today` (from the Clock) decides which conditions are overdue and whether the approval expired. */
  static of(system: AiSystemEntity, today: string): AiSystemResponse {
    const on = today;
    const conditions = system.approvalConditions.map((c) => ({ ...c, overdue: ['open', 'proposed_met'].includes(c.status ?? 'open') && c.dueDate < on }));
    return {
      id: system.id,
      vendorId: system.vendorId,
      name: system.name,
      version: system.modelVersion,
      modelType: system.modelType,
      description: system.description,
      hosting: system.hosting,
      dataRegions: system.dataRegions,
      foundationModelProviders: system.foundationModelProviders,
      autoSend: system.autoSend,
      inherentTier: system.inherentTier,
      euAiActCategory: system.euAiActCategory,
      approval: {
        status: approvalStatusOn(system, on),
        residualRisk: system.residualRisk,
        conditions,
        overdueConditions: conditions.filter((c) => c.overdue).length,
        approvedAt: system.approvedAt,
        validUntil: system.approvalValidUntil,
      },
      createdAt: system.createdAt,
      updatedAt: system.updatedAt,
    };
  }
}

export class AiSystemPage extends PageOf(AiSystemResponse) {}

class AiSystemFields {
  @ApiPropertyOptional({ example: 'Free-text description of what the product does' })
  @IsOptional()
  @IsString()
  @Length(0, 4000)
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['EU', 'eu-west-1'], maxItems: 20 })
  @IsOptional()
  @Transform(uniqueTrimmed)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(REGION, { each: true, message: 'each data region must be 1 to 40 letters, digits, spaces, dots, dashes or underscores' })
  dataRegions?: string[];

  @ApiPropertyOptional({ type: [String], example: ['OpenAI', 'Anthropic'], maxItems: 20 })
  @IsOptional()
  @Transform(uniqueTrimmed)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(NAME_ITEM, { each: true, message: 'each provider must be 1 to 80 characters' })
  foundationModelProviders?: string[];

  @ApiPropertyOptional({ description: 'Send reassessments to the vendor automatically' })
  @IsOptional()
  @IsBoolean()
  autoSend?: boolean;
}

export class CreateAiSystemRequest extends AiSystemFields {
  @ApiProperty({ example: 'Acme CreditScore' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '4.2.0' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  version: string;

  @ApiProperty({ enum: ModelType, enumName: 'ModelType' })
  @IsEnum(ModelType)
  modelType: ModelType;

  @ApiProperty({ enum: Hosting, enumName: 'Hosting' })
  @IsEnum(Hosting)
  hosting: Hosting;
}

export class UpdateAiSystemRequest extends AiSystemFields {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'A new version is recorded as a model change' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  version?: string;

  @ApiPropertyOptional({ enum: ModelType, enumName: 'ModelType' })
  @IsOptional()
  @IsEnum(ModelType)
  modelType?: ModelType;

  @ApiPropertyOptional({ enum: Hosting, enumName: 'Hosting' })
  @IsOptional()
  @IsEnum(Hosting)
  hosting?: Hosting;
}

export class AiSystemListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ModelType, enumName: 'ModelType' })
  @IsOptional()
  @IsEnum(ModelType)
  modelType?: ModelType;
}
