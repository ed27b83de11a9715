import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';
import { trim } from '../../vendors/dto/vendor.dto.js';

export class Article5RulingRequest {
  @ApiProperty({ example: 'emotion-recognition-work-education', description: 'The stopping rule (see the intake reasons) that does not apply' })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'ruleId must be the id of a tiering rule' })
  ruleId: string;

  @ApiProperty({ example: 'eu-ai-act:Art.5(1)(f)', description: 'The provision of Article 5 the ruling rests on' })
  @IsString()
  @Length(1, 80)
  legalReference: string;

  @ApiProperty({ example: 'Fatigue detection for drivers of the cash-transport fleet: the safety exception of Article 5(1)(f), confirmed by Legal on 2026-11-30.' })
  @Transform(trim)
  @IsString()
  @Length(20, 4000)
  reason: string;
}

export class TierSignOffRequest {
  @ApiProperty({ example: 'The system no longer feeds credit decisions: it only drafts letters, as the new intake says.' })
  @Transform(trim)
  @IsString()
  @Length(20, 4000)
  rationale: string;
}

export class Article5RulingResponse {
  @ApiProperty() ruleId: string;
  @ApiProperty({ example: 'eu-ai-act:Art.5(1)(f)' }) legalReference: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) ruledBy: string;
  @ApiProperty() ruledAt: string;
}

export class TierSignOffResponse {
  @ApiProperty({ enum: ['low', 'medium', 'high', 'critical'], description: 'The tier the AI system had before this intake' }) previousTier: string;
  @ApiProperty({ enum: ['pending', 'signed_off'] }) status: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) signedOffBy: string | null;
  @ApiProperty({ type: String, nullable: true }) signedOffAt: string | null;
  @ApiProperty({ type: String, nullable: true }) rationale: string | null;
}
