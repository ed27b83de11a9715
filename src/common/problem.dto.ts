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

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ description: 'Stable machine-readable code', example: 'validation_failed' })
  code: string;

  @ApiProperty({ example: 'The request is not valid' })
  detail: string;

  @ApiPropertyOptional({ example: '/api/v1/users' })
  instance?: string;

  @ApiPropertyOptional({ description: 'Echoes the x-request-id response header' })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Field errors, for validation problems' })
  errors?: FieldErrorDto[];
}
