import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class AuthMethodsResponse {
  @ApiProperty({ description: "Whether staff can sign in with the organisation's account (GET /auth/oidc/login)" })
  oidc: boolean;

  @ApiProperty({
    enum: ['all', 'vendors-only'],
    description: '`vendors-only`: staff sign in through single sign-on; only vendors (and admins, for emergencies) use a password',
  })
  localLogin: 'all' | 'vendors-only';
}

export class OidcLoginQuery {
  @ApiProperty({ required: false, description: 'The portal path to return to after signing in; anything but a path of this site becomes `/`', example: '/assessments' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  next?: string;
}
