import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination.js';

export const SCHEDULE_KINDS = ['reassessment', 'assessment_due', 'condition', 'remediation', 'risk_acceptance', 'evidence'] as const;
export type ScheduleKind = (typeof SCHEDULE_KINDS)[number];

export const REASSESS_REASONS = ['model_change', 'incident', 'scope_change', 'evidence_expired', 'other'] as const;
export type ReassessReason = (typeof REASSESS_REASONS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class ScheduleQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SCHEDULE_KINDS, description: 'Only items of this kind' })
  @IsOptional()
  @IsIn(SCHEDULE_KINDS)
  kind?: ScheduleKind;

  @ApiPropertyOptional({ format: 'date', description: 'First day of the window; default 90 days ago, so overdue items show' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the window; default 90 days ahead. At most two years after `from`' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

export class ScheduleItem {
  @ApiProperty({ enum: SCHEDULE_KINDS }) kind: ScheduleKind;
  @ApiProperty({ format: 'date', description: 'Due date; for a reassessment the end of the approval, for acceptances and evidence the day they run out' })
  date: string;
  @ApiProperty({ description: 'The date has passed and the item is still open' }) overdue: boolean;
  @ApiProperty({ format: 'uuid', description: 'The AI system, assessment, condition, finding, risk acceptance or evidence the item is about' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: "The item's own status; for a reassessment `scheduled`, or `opened` once its cycle exists" }) status: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty() aiSystemName: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) assessmentId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Remediation items and risk acceptances' }) findingId: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Reassessments: the day the sweep opens the new cycle' }) opensOn: string | null;
}

/** Items by date, then kind, then id; with the window the page was cut from. */
export class SchedulePage extends PageOf(ScheduleItem) {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
}

export class ReassessRequest {
  @ApiProperty({ enum: REASSESS_REASONS, description: 'Why the AI system is looked at again before its date' })
  @IsIn(REASSESS_REASONS)
  reason: ReassessReason;

  @ApiPropertyOptional({ example: 'The vendor moved to a new foundation model' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 2000)
  note?: string;
}
