import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { DIRECTIONS, METRIC_FAMILIES, type Direction, type MetricFamily } from '../../domain/monitoring/metric-catalogue.js';
import { CADENCES, type Cadence } from '../../domain/monitoring/periods.js';
import { RATINGS, type Rating } from '../../domain/monitoring/rating.js';
import { METRIC_SOURCES, type MetricSource } from '../monitoring-plan.entity.js';
import { ThresholdsResponse } from './monitoring-plan.dto.js';

export class MetricValueInput {
  @ApiProperty({ example: 'auc' })
  @IsString()
  @Length(1, 120)
  metric: string;

  @ApiProperty({ example: 0.78 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value: number;
}

export class MonitoringSubmissionRequest {
  @ApiProperty({ example: '2026-11', description: 'The period: 2026-11 (monthly), 2026-Q4 (quarterly), 2026-H2 (semi-annual) or 2026 (annual)' })
  @IsString()
  @Length(4, 7)
  period: string;

  @ApiPropertyOptional({ type: [MetricValueInput], description: 'The figures; or give validationRunId instead' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MetricValueInput)
  values?: MetricValueInput[];

  @ApiPropertyOptional({ format: 'uuid', description: 'A finished validation run of this AI system whose results supply the plan’s sample metrics' })
  @IsOptional()
  @IsUUID()
  validationRunId?: string;
}

export class RatedReadingResponse {
  @ApiProperty() metric: string;
  @ApiProperty() value: number;
  @ApiProperty({ enum: RATINGS }) rating: Rating;
  @ApiProperty({ description: 'Why this colour, in words' }) reasoning: string;
  @ApiProperty({ type: ThresholdsResponse, description: 'The thresholds in force for this period' }) thresholds: ThresholdsResponse;
  @ApiProperty({ enum: DIRECTIONS }) direction: Direction;
  @ApiProperty({ type: [String], description: 'What the colour did' }) actions: string[];
}

export class MonitoringSubmissionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() period: string;
  @ApiProperty({ description: 'The plan version the figures were rated against' }) planVersion: number;
  @ApiProperty({ enum: METRIC_SOURCES }) source: MetricSource;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) validationRunId: string | null;
  @ApiProperty({ type: [RatedReadingResponse] }) readings: RatedReadingResponse[];
  @ApiProperty({ type: [String], description: 'Draft findings opened; never shown to a vendor' }) findingIds: string[];
  @ApiProperty({ description: 'Whether a reassessment was asked for (at most one cycle is ever open)' }) reassessmentRequested: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class SeriesPointResponse {
  @ApiProperty() period: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty() value: number;
  @ApiProperty({ enum: RATINGS }) rating: Rating;
  @ApiProperty() reasoning: string;
  @ApiProperty({ type: ThresholdsResponse }) thresholds: ThresholdsResponse;
  @ApiProperty() planVersion: number;
  @ApiProperty({ format: 'date-time' }) submittedAt: string;
}

export class MetricSeriesResponse {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ enum: METRIC_FAMILIES }) family: MetricFamily;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: DIRECTIONS }) direction: Direction;
  @ApiProperty({ description: 'In the plan in force' }) inPlan: boolean;
  @ApiProperty({ type: ThresholdsResponse, nullable: true, description: 'In the plan in force' }) thresholds: ThresholdsResponse | null;
  @ApiProperty({ enum: CADENCES, nullable: true }) cadence: Cadence | null;
  @ApiProperty({ enum: RATINGS, nullable: true, description: 'The latest period’s colour' }) current: Rating | null;
  @ApiProperty({ type: [SeriesPointResponse], description: 'Oldest period first' }) series: SeriesPointResponse[];
}

export class MonitoringSeriesResponse {
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ type: Number, nullable: true }) planVersion: number | null;
  @ApiProperty({ enum: RATINGS, nullable: true, description: 'The worst current colour over the metrics of the plan' }) worstCurrent: Rating | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSubmissionAt: string | null;
  @ApiProperty({ type: [MetricSeriesResponse] }) metrics: MetricSeriesResponse[];
}
