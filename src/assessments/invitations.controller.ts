import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorator.js';
import { SessionResponse } from '../auth/dto/auth.dto.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { UserResponse } from '../users/dto/user.dto.js';
import { InvitationsService } from './invitations.service.js';

export class AcceptInvitationRequest {
  @ApiProperty({ description: 'The token from the invitation link (after #token=)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'token is not an invitation token' })
  token: string;

  @ApiProperty({ example: 'Sam Lee', description: 'Your name, used when the account is created' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ minLength: 12, description: 'Set a password to sign in later without a link' })
  @IsOptional()
  @IsString()
  @Length(12, 200)
  password?: string;
}

@ApiTags('auth')
@Controller('auth/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('accept')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse, description: 'A session scoped to the invited contact\'s vendor' })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'Unknown, expired, used or replaced invitation (one answer for all)' })
  async acceptInvitation(@Body() body: AcceptInvitationRequest, @Req() request: FastifyRequest): Promise<SessionResponse> {
    const session = await this.invitations.accept(body.token, body.name, body.password, request.id);
    return { token: session.token, expiresAt: session.expiresAt, user: UserResponse.of(session.user) };
  }
}
