import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/access.decorator.js';
import { SessionResponse } from '../auth/dto/auth.dto.js';
import { ProblemResponse } from '../common/problem.dto.js';
import { deliverSession, OffersCookieSession } from '../auth/session-delivery.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
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

export class InvitationSender {
  @ApiProperty({ example: 'Pat Buyer' })
  name: string;

  @ApiProperty({ format: 'email', example: 'pat.buyer@bank.example' })
  email: string;
}

export class InvitationProblem extends ProblemResponse {
  @ApiPropertyOptional({ enum: ['unknown', 'expired', 'used', 'replaced'], description: 'Why the link does not work (with code invitation_invalid)' })
  reason?: 'unknown' | 'expired' | 'used' | 'replaced';

  @ApiPropertyOptional({ type: InvitationSender, description: 'Who sent the link, to ask for a new one; absent for an unknown link' })
  sentBy?: InvitationSender;
}

export class InvitationSessionResponse extends SessionResponse {
  @ApiProperty({ format: 'uuid', description: 'The assessment the invitation is for' })
  assessmentId: string;
}

@ApiTags('auth')
@Controller('auth/invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('accept')
  @ApiOperation({ summary: 'Sign in with an invitation link' })
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationSessionResponse, description: 'A session scoped to the invited contact\'s vendor' })
  @ApiBadRequestResponse({ type: InvitationProblem, description: '`invitation_invalid` with the `reason` (unknown, expired, used or replaced) and, for a known link, who sent it; or `validation_failed`' })
  @OffersCookieSession()
  async acceptInvitation(
    @Body() body: AcceptInvitationRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InvitationSessionResponse> {
    const { assessmentId, ...session } = await this.invitations.accept(body.token, body.name, body.password, request.id);
    return { ...deliverSession(request, reply, session, this.config), assessmentId };
  }
}
