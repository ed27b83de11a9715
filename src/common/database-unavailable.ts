/**
 * Tells a database that cannot be reached (down, restarting, out of connections) from a query
 * that failed on its own merits: the first is worth retrying in a few seconds, the second is not.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** SQLSTATEs of a server that is shutting down, starting up or full; class 08 is every connection exception. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres and its pool say when a connection is lost or never comes. */
const CONNECTION_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection timeout/i, /cannot use a pool after calling end/i, /client has encountered a connection error/i];

interface Inspectable {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function ownCause(error: Inspectable): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}

/** Looks through TypeORM's driverError, `cause` chains and AggregateErrors (a refused dual-stack connect). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const inspected = error as Inspectable;
  if (ownCause(inspected)) return true;
  const nested = [inspected.driverError, inspected.cause, ...(Array.isArray(inspected.errors) ? inspected.errors : [])];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}
