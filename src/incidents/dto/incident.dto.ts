import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsEnum, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { PageOf } from '../../common/pagination.js';
import { DEADLINE_STAGES, REGIMES, SERIOUS_INCIDENT_KINDS, type DeadlineStage, type Regime, type SeriousIncidentKind } from '../../domain/monitoring/incident-deadlines.js';
import { trim } from '../../vendors/dto/vendor.dto.js';
import { INCIDENT_SEVERITIES, INCIDENT_TYPES, type IncidentEntity, type IncidentSeverity, type IncidentType } from '../incident.entity.js';

/** An instant: a time without its offset would be read in the server's zone, so it is refused. */
const WITH_ZONE = /T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class ReportIncidentRequest {
  @ApiProperty({ enum: INCIDENT_TYPES })
  @IsEnum(INCIDENT_TYPES)
  type: IncidentType;

  @ApiProperty({ enum: INCIDENT_SEVERITIES })
  @IsEnum(INCIDENT_SEVERITIES)
  severity: IncidentSeverity;

  @ApiProperty({ format: 'date-time', example: '2026-11-30T22:40:00Z', description: 'When the incident was detected, with its offset' })
  @IsDateString({ strict: true })
  @Matches(WITH_ZONE, { message: '$property must say its offset (Z or +hh:mm)' })
  detectedAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it began, if known; not after detection' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(WITH_ZONE, { message: '$property must say its offset (Z or +hh:mm)' })
  occurredAt?: string;

  @ApiProperty({ example: 'Scores for applicants over 60 dropped by 40 points after the 4.3 release' })
  @Transform(trim)
  @IsString()
  @Length(10, 10_000)
  description: string;

  @ApiPropertyOptional({ type: [String], description: 'References to what shows it: document names, ticket numbers, links' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  evidence?: string[];
}

export class ClassifyIncidentRequest {
  @ApiProperty({ description: 'A major ICT-related incident under DORA' })
  @IsBoolean()
  majorIct: boolean;

  @ApiProperty({ enum: SERIOUS_INCIDENT_KINDS, nullable: true, description: 'An EU AI Act Article 73 serious incident, and which kind; null if not one' })
  @ValidateIf((_, value) => value !== null)
  @IsIn(SERIOUS_INCIDENT_KINDS)
  seriousIncident: SeriousIncidentKind | null;

  @ApiProperty({ description: 'A personal-data breach under GDPR Article 33' })
  @IsBoolean()
  personalDataBreach: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the organisation became aware, if not when it was reported to Assay (or detected by staff)' })
  @IsOptional()
  @IsDateString({ strict: true })
  @Matches(WITH_ZONE, { message: '$property must say its offset (Z or +hh:mm)' })
  awareAt?: string;
}

export class RecordNotificationRequest {
  @ApiProperty({ enum: REGIMES })
  @IsEnum(REGIMES)
  regime: Regime;

  @ApiProperty({ enum: DEADLINE_STAGES, description: 'initial, intermediate or final for DORA; report for the others' })
  @IsEnum(DEADLINE_STAGES)
  stage: DeadlineStage;

  @ApiProperty({ format: 'date-time' })
  @IsDateString({ strict: true })
  @Matches(WITH_ZONE, { message: '$property must say its offset (Z or +hh:mm)' })
  madeAt: string;

  @ApiPropertyOptional({ description: 'The authority’s reference, if any' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  reference?: string;
}

export class DeadlineResponse {
  @ApiProperty({ enum: REGIMES }) regime: string;
  @ApiProperty({ enum: DEADLINE_STAGES }) stage: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() rule: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) notifiedAt: string | null;
  @ApiProperty({ enum: ['met', 'open', 'missed'], description: 'met: notified in time; missed: past due (notified late or not at all)' }) status: 'met' | 'open' | 'missed';
}

export class NotificationMadeResponse {
  @ApiProperty() regime: string;
  @ApiProperty() stage: string;
  @ApiProperty({ format: 'date-time' }) madeAt: string;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
}

export class IncidentResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) aiSystemId: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty({ enum: INCIDENT_TYPES }) type: IncidentType;
  @ApiProperty({ enum: INCIDENT_SEVERITIES }) severity: IncidentSeverity;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) occurredAt: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) evidence: string[];
  @ApiProperty({ description: 'Reported by the vendor (else by staff)' }) reportedByVendor: boolean;
  @ApiProperty({ format: 'date-time' }) reportedAt: string;
  @ApiPropertyOptional({ description: 'Staff only: DORA major ICT-related incident' }) majorIct?: boolean;
  @ApiPropertyOptional({ enum: SERIOUS_INCIDENT_KINDS, nullable: true, description: 'Staff only' }) seriousIncident?: SeriousIncidentKind | null;
  @ApiPropertyOptional({ description: 'Staff only' }) personalDataBreach?: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Staff only: when the clocks started' }) awareAt?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Staff only' }) classifiedAt?: string | null;
  @ApiPropertyOptional({ type: [DeadlineResponse], description: 'Staff only: the deployer’s reporting deadlines, earliest first' }) deadlines?: DeadlineResponse[];
  @ApiPropertyOptional({ type: [NotificationMadeResponse], description: 'Staff only' }) notificationsMade?: NotificationMadeResponse[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Staff only: the draft finding it opened' }) findingId?: string | null;
  @ApiPropertyOptional({ description: 'Staff only' }) reassessmentRequested?: boolean;

  /** The vendor sees what was reported; the classification and the deployer's clocks are internal. */
  static of(incident: IncidentEntity, now: Date, forVendor: boolean): IncidentResponse {
    const reported = {
      id: incident.id,
      aiSystemId: incident.aiSystemId,
      vendorId: incident.vendorId,
      type: incident.type,
      severity: incident.severity,
      detectedAt: incident.detectedAt.toISOString(),
      occurredAt: incident.occurredAt?.toISOString() ?? null,
      description: incident.description,
      evidence: incident.evidence,
      reportedByVendor: incident.reportedByVendor,
      reportedAt: incident.createdAt.toISOString(),
    };
    if (forVendor) return reported;
    return {
      ...reported,
      majorIct: incident.majorIct,
      seriousIncident: incident.seriousIncident,
      personalDataBreach: incident.personalDataBreach,
      awareAt: incident.awareAt?.toISOString() ?? null,
      classifiedAt: incident.classifiedAt?.toISOString() ?? null,
      deadlines: incident.deadlines.map((d) => ({ ...d, status: deadlineStatus(d, now) })),
      notificationsMade: incident.notificationsMade.map(({ regime, stage, madeAt, reference }) => ({ regime, stage, madeAt, reference })),
      findingId: incident.findingId,
      reassessmentRequested: incident.reassessmentRequested,
    };
  }
}

function deadlineStatus(d: { dueAt: string; notifiedAt: string | null }, now: Date): 'met' | 'open' | 'missed' {
  if (d.notifiedAt) return d.notifiedAt <= d.dueAt ? 'met' : 'missed';
  return now.toISOString() > d.dueAt ? 'missed' : 'open';
}

export class IncidentPage extends PageOf(IncidentResponse) {}
