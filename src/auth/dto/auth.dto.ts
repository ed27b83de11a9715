import { PageOf } from '../../common/pagination.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { UserResponse } from '../../users/dto/user.dto.js';
import type { ApiTokenEntity } from '../api-token.entity.js';

export class LoginRequest {
  /** Not checked as an address: the first admin may be admin@localhost, and a wrong one is a plain 401. */
  @ApiProperty({ example: 'admin@bank.example' })
  @IsString()
  @Length(3, 254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class SessionResponse {
  @ApiPropertyOptional({
    description: 'Bearer token; send as `Authorization: Bearer <token>`. Absent when the sign-in asked for a browser session (`X-Session: cookie`)',
    example: 'assay_...',
  })
  token?: string;

  @ApiProperty()
  expiresAt: Date;

  @ApiProperty({ type: UserResponse })
  user: UserResponse;
}

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'procurement-system sync', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The user the key acts as; the caller when omitted' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 730, default: 90 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(730)
  expiresInDays?: number;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'The first characters of the key, to tell keys apart' }) tokenHint: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() expiresAt: Date;
  @ApiProperty({ type: Date, nullable: true }) revokedAt: Date | null;
  @ApiProperty({ type: Date, nullable: true }) lastUsedAt: Date | null;
  @ApiProperty() createdAt: Date;

  static of(token: ApiTokenEntity): ApiKeyResponse {
    return {
      id: token.id,
      name: token.name ?? '',
      tokenHint: token.tokenHint,
      userId: token.userId,
      expiresAt: token.expiresAt,
      revokedAt: token.revokedAt,
      lastUsedAt: token.lastUsedAt,
      createdAt: token.createdAt,
    };
  }
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The secret key. It is shown only in this response.' })
  token: string;
}

export class ApiKeyPage extends PageOf(ApiKeyResponse) {}
