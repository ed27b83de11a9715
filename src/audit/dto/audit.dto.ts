import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, PageOf } from '../../common/pagination.js';
import type { AuditEventEntity } from '../audit-event.entity.js';

export class AuditEventQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 128)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The acting user' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ description: 'Events at or after this instant' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @ApiPropertyOptional({ description: 'Events before this instant' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

export class AuditEventResponse {
  @ApiProperty({ description: 'Position in the hash chain' }) id: string;
  @ApiProperty() occurredAt: Date;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorRole: string | null;
  @ApiProperty({ example: 'user.created' }) action: string;
  @ApiProperty({ example: 'user' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ description: 'Changed fields: { field: { before, after } }', type: 'object', additionalProperties: true })
  changes: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;

  static of(event: AuditEventEntity): AuditEventResponse {
    return {
      id: event.seq,
      occurredAt: event.occurredAt,
      actorId: event.actorId,
      actorRole: event.actorRole,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      changes: event.changes,
      requestId: event.requestId,
      prevHash: event.prevHash,
      hash: event.hash,
    };
  }
}

export class AuditEventPage extends PageOf(AuditEventResponse) {}

export class ChainVerification {
  @ApiProperty() valid: boolean;
  @ApiProperty({ description: 'Events verified before the first break, or all of them' }) checked: number;
  @ApiPropertyOptional({ description: 'The first event that does not fit the chain' }) firstBrokenId?: string;
}
