import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ example: 'email must be an email' })
  message: string;
}

/** RFC 9457 problem details, as every error of the API is sent (`application/problem+json`). */
export class ProblemResponse {
  @ApiProperty({ example: 'https://assay.dev/problems/validation-failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status: number;

  @ApiProperty({ description: 'Stable machine-readable code', example: 'validation_failed' })
  code: string;

  @ApiProperty({ example: 'The request is not valid' })
  detail: string;

  @ApiPropertyOptional({ example: '/api/v1/users' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Echoes the x-request-id response header' })
  requestId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'With 429 and 503: seconds to wait before trying again, as in the Retry-After header' })
  retryAfterSeconds?: number;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Field errors, for validation problems' })
  errors?: FieldErrorDto[];
}
