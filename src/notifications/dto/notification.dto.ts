import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { PageOf, PageQuery } from '../../common/pagination.js';
import { NotificationStatus, type NotificationEntity } from '../notification.entity.js';

/** What operators need to chase a message; never its bodies, which may carry a single-use link. */
export class NotificationResponse {
  @ApiProperty({ format: 'uuid', description: 'Also the Message-ID of every send: `<id@assay>`' }) id: string;
  @ApiProperty({ example: 'assessment_invitation' }) kind: string;
  @ApiProperty({ example: 'sam.lee@vendor.example' }) recipient: string;
  @ApiProperty({ example: 'AI due-diligence questionnaire for Scorer' }) subject: string;
  @ApiProperty({ enum: NotificationStatus, enumName: 'NotificationStatus', description: 'pending -> sending -> sent, or failed once its attempts ran out' }) status: NotificationStatus;
  @ApiProperty({ description: 'Sends started, including interrupted ones' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last send did not go through' }) lastError: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: Date, nullable: true, description: 'When the last send started' }) attemptedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) sentAt: Date | null;

  static of(message: NotificationEntity): NotificationResponse {
    return {
      id: message.id,
      kind: message.kind,
      recipient: message.recipient,
      subject: message.subject,
      status: message.status,
      attempts: message.attempts,
      lastError: message.lastError,
      createdAt: message.createdAt,
      attemptedAt: message.attemptedAt,
      sentAt: message.sentAt,
    };
  }
}

export class NotificationPage extends PageOf(NotificationResponse) {}

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: NotificationStatus, enumName: 'NotificationStatus', description: '`failed` lists the messages that gave up' })
  @IsOptional()
  @IsEnum(NotificationStatus)
  status?: NotificationStatus;

  @ApiPropertyOptional({ example: 'assessment_invitation' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  kind?: string;
}
