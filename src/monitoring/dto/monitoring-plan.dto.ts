import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DIRECTIONS, METRIC_FAMILIES, type Direction, type MetricFamily } from '../../domain/monitoring/metric-catalogue.js';
import { CADENCES, type Cadence } from '../../domain/monitoring/periods.js';
import { METRIC_SOURCES, PLAN_STATUSES, type MetricSource, type MonitoringPlanEntity, type PlanStatus } from '../monitoring-plan.entity.js';
import { describeMetric } from '../plan-metrics.js';

export class ThresholdsInput {
  @ApiProperty({ example: 0.75, description: 'The limit a value must meet to be green (at the limit is green)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  green: number;

  @ApiProperty({ example: 0.7, description: 'The limit a value must meet to be amber; beyond it, red' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amber: number;
}

export class PlanMetricInput {
  @ApiProperty({ example: 'adverse_impact_ratio:age_band', description: 'A catalogue key (auc, gini, ks, accuracy, brier, psi_score, psi_feature:<feature>, adverse_impact_ratio:<group column>, equalized_odds_difference:<group column>, generative_failure_rate:<category>, availability, p95_latency_ms, error_rate, complaints, incidents) or custom:<name>' })
  @IsString()
  @Length(1, 120)
  @Matches(/^[a-z0-9_]+(:.+)?$/, { message: 'key must be a catalogue key, with a name after ":" where it takes one' })
  key: string;

  @ApiPropertyOptional({ example: 'ratio', description: 'Required for a custom key; a catalogue key has its own' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  unit?: string;

  @ApiPropertyOptional({ enum: DIRECTIONS, description: 'Required for a custom key; a catalogue key has its own and may not be turned round' })
  @IsOptional()
  @IsEnum(DIRECTIONS)
  direction?: Direction;

  @ApiProperty({ type: ThresholdsInput })
  @ValidateNested()
  @Type(() => ThresholdsInput)
  thresholds: ThresholdsInput;

  @ApiProperty({ enum: CADENCES })
  @IsEnum(CADENCES)
  cadence: Cadence;

  @ApiProperty({ enum: METRIC_SOURCES, description: 'vendor: the vendor submits; sample: a validation run supplies it; staff: entered by staff' })
  @IsEnum(METRIC_SOURCES)
  source: MetricSource;

  @ApiProperty({ format: 'uuid', description: 'First-line owner (a staff user), told of an amber' })
  @IsUUID()
  ownerId: string;

  @ApiProperty({ format: 'uuid', description: 'Staff user told when a finding is drafted' })
  @IsUUID()
  escalationContactId: string;
}

export class MonitoringPlanRequest {
  @ApiProperty({ type: [PlanMetricInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanMetricInput)
  metrics: PlanMetricInput[];

  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 15, description: 'Days after a period ends that its figures are due' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  submissionWindowDays?: number;
}

export class ApprovePlanRequest {
  @ApiProperty({ minimum: 1, description: 'The proposed version as read: approving another is refused' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ThresholdsResponse {
  @ApiProperty() green: number;
  @ApiProperty() amber: number;
}

export class PlanMetricResponse {
  @ApiProperty() key: string;
  @ApiProperty({ enum: METRIC_FAMILIES }) family: MetricFamily;
  @ApiProperty() label: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: DIRECTIONS }) direction: Direction;
  @ApiProperty({ type: ThresholdsResponse }) thresholds: ThresholdsResponse;
  @ApiProperty({ enum: CADENCES }) cadence: Cadence;
  @ApiProperty({ enum: METRIC_SOURCES }) source: MetricSource;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) escalationContactId: string | null;
}

export class PlanVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: PLAN_STATUSES }) status: PlanStatus;
  @ApiProperty({ type: [PlanMetricResponse] }) metrics: PlanMetricResponse[];
  @ApiProperty() submissionWindowDays: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authoredBy: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) approvedBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) approvedAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day it came into force' }) activeFrom: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(plan: MonitoringPlanEntity): PlanVersionResponse {
    return {
      id: plan.id,
      aiSystemId: plan.aiSystemId,
      version: plan.version,
      status: plan.status,
      metrics: plan.metrics.map((m) => ({ ...describeMetric(m), thresholds: { ...m.thresholds } })),
      submissionWindowDays: plan.submissionWindowDays,
      authoredBy: plan.authoredBy,
      approvedBy: plan.approvedBy,
      approvedAt: plan.approvedAt?.toISOString() ?? null,
      activeFrom: plan.activeFrom,
      createdAt: plan.createdAt.toISOString(),
    };
  }
}

export class MonitoringPlanResponse {
  @ApiProperty({ type: PlanVersionResponse, nullable: true, description: 'The approved version in force' }) active: PlanVersionResponse | null;
  @ApiProperty({ type: PlanVersionResponse, nullable: true, description: 'A newer version waiting for approval' }) proposed: PlanVersionResponse | null;
}

export class PlanProposalResponse {
  @ApiProperty({ type: [PlanMetricResponse] }) metrics: PlanMetricResponse[];
  @ApiProperty() submissionWindowDays: number;
  @ApiProperty({ type: [String], description: 'Why these metrics and limits, in words' }) reasons: string[];
}
