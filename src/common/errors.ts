/**
 * Domain errors carry a stable machine-readable `code`; the problem filter maps them once to
 * RFC 9457 problem+json. Features throw these instead of framework exceptions.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface FieldError {
  field: string;
  message: string;
}

export const badRequest = (code: string, message: string, extra?: Record<string, unknown>) =>
  new DomainError(400, code, message, extra);
export const validationFailed = (errors: FieldError[], message = 'The request is not valid') =>
  new DomainError(400, 'validation_failed', message, { errors });
export const unauthorized = (message = 'Authentication is required') =>
  new DomainError(401, 'unauthenticated', message);
export const forbidden = (message = 'Your role may not do this') => new DomainError(403, 'forbidden', message);
export const notFound = (what: string) => new DomainError(404, 'not_found', `${what} was not found`);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new DomainError(409, code, message, extra);
export const preconditionFailed = (message = 'The resource changed since you read it') =>
  new DomainError(412, 'precondition_failed', message);
export const unprocessable = (code: string, message: string, extra?: Record<string, unknown>) =>
  new DomainError(422, code, message, extra);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new DomainError(429, 'rate_limited', message, { retryAfterSeconds });
/** A well-formed request that names something that does not exist. */
export const unknownReference = (field: string, what: string) =>
  new DomainError(422, 'unknown_reference', `${field} does not refer to an existing ${what}`, { errors: [{ field, message: `no ${what} with this id` }] });
