import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { DomainError } from './errors.js';

/** A database restart or failover takes seconds: clients should come back soon, not hammer it. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  417: 'Expectation Failed',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  417: 'expectation_failed',
  422: 'unprocessable',
  429: 'rate_limited',
  431: 'headers_too_large',
  503: 'unavailable',
};

/** Turns anything thrown into a problem+json body; never leaks a stack trace or SQL. */
export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    return problem(error.status, error.code, error.message, error.extra);
  }
  // Nest wraps Fastify's own errors (body parsing, size, media type) in an HttpException.
  const underlying = error instanceof HttpException && error.cause !== undefined ? error.cause : error;
  const fastifyError = underlying as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_') && typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return problem(fastifyError.statusCode, fastifyCode(fastifyError), fastifyDetail(fastifyError));
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail =
      typeof response === 'object' && response !== null && 'message' in response
        ? String(Array.isArray(response.message) ? response.message.join('; ') : response.message)
        : error.message;
    return problem(status, CODES[status] ?? 'error', status >= 500 ? 'An unexpected error occurred' : detail);
  }
  if (isDatabaseUnavailable(error)) {
    return problem(503, 'database_unavailable', 'The database cannot be reached right now; try again shortly', { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
  }
  return problem(500, 'internal_error', 'An unexpected error occurred');
}

function fastifyCode(error: { statusCode?: number; code?: string }): string {
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'unsupported_media_type';
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'payload_too_large';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'malformed_json';
  if (error.statusCode === 400 && error.code?.startsWith('FST_ERR_CTP')) return 'malformed_body';
  return CODES[error.statusCode ?? 400] ?? 'bad_request';
}

function fastifyDetail(error: { code?: string; message?: string }): string {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error as Error).name === 'SyntaxError') {
    return 'The request body is not valid JSON';
  }
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty but the content type is JSON';
  return error.message ?? 'The request is not valid';
}

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return {
    type: `https://assay.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    code,
    detail,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, body: Problem): void {
  const retryAfter = body.retryAfterSeconds;
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
  void reply
    .status(body.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send({ ...body, instance: request.url.split('?')[0], requestId: request.id });
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<FastifyRequest>();
    const reply = context.getResponse<FastifyReply>();
    const body = toProblem(error);
    if (body.code === 'database_unavailable') {
      // An outage is the operator's news, not a bug: one line without a stack.
      this.logger.warn({ requestId: request.id, err: (error as Error).message }, 'database unavailable');
    } else if (body.status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ err: error, requestId: request.id }, 'request failed');
    }
    sendProblem(reply, request, body);
  }
}
