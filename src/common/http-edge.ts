import compress from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { AppConfig, TrustProxy } from '../config/config.js';
import { problem, sendProblem, type Problem } from './problem.filter.js';
import { ApiRateLimit, MemoryCounter, RedisCounter } from './rate-limit.js';
import { answerClientError, answerExpectations, answerFrameworkError, answerStalledBody, BASE_SECURITY_HEADERS } from './raw-problems.js';

/**
 * The HTTP edge: what every response carries whatever route answered it (security headers,
 * caching, CORS), compression, the general rate limit, and how long a client may take (headers,
 * the whole request, a body that stops arriving, an idle kept-alive connection). Features
 * never set these themselves; a page with other needs (the API docs) gets its own policy here.
 */

/** Longer URLs are refused with 414; Node refuses a request line and headers over 16 KiB with 431. */
const MAX_URL_LENGTH = 8 * 1024;

/** Content-Security-Policy by path prefix, first match wins; everything else gets the API's. */
const CONTENT_SECURITY_POLICIES: Array<{ prefix: string; policy: string }> = [
  // Swagger UI: its own scripts and styles (it inlines styles), images as data: URLs, the API itself.
  {
    prefix: '/docs',
    policy: "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  },
];

/** No document of this API nests deeper; validating a deeper one would overflow the stack. */
const MAX_BODY_DEPTH = 32;

/** Paths a load balancer or a metrics scraper polls: never rate-limited. */
const UNLIMITED_PATHS = ['/health/live', '/health/ready', '/metrics'];

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const CORS_REQUEST_HEADERS = 'authorization, content-type, if-match, if-none-match, idempotency-key, x-request-id, x-csrf-token, x-session';
const CORS_EXPOSED_HEADERS = 'content-disposition, etag, location, retry-after, x-request-id';

const pathOf = (request: FastifyRequest) => request.url.split('?')[0];

/** A hop count as the function Fastify's types accept: believe the nearest `hops` forwarders. */
function trustedProxies(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** The options of Fastify (and of Node's HTTP server under it) that the edge decides. */
export function edgeServerOptions(config: AppConfig) {
  return {
    trustProxy: trustedProxies(config.trustProxy),
    // An idle socket is dropped; a busy one is bounded by the request timeout.
    connectionTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Node checks the two timeouts on this interval (30 s by default, too coarse for a 20 s limit).
      connectionsCheckingInterval: Math.max(50, Math.min(5000, Math.floor(config.headersTimeoutMs / 4))),
      // Node's own refusal is a bare 400; the edge answers it as problem+json instead.
      requireHostHeader: false,
    },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    // Fastify's own 503 while closing is bare JSON; the edge answers it (see registerHttpEdge).
    return503OnClosing: false,
  };
}

export function contentSecurityPolicy(path: string): string {
  return CONTENT_SECURITY_POLICIES.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`))?.policy ?? BASE_SECURITY_HEADERS['content-security-policy'];
}

function securityHeaders(request: FastifyRequest, reply: FastifyReply, hsts: boolean): void {
  const path = pathOf(request);
  const headers: Record<string, string> = { ...BASE_SECURITY_HEADERS, 'content-security-policy': contentSecurityPolicy(path) };
  // The docs are the same for everyone and hold no personal data: they may be cached.
  if (path === '/docs' || path.startsWith('/docs/')) delete headers['cache-control'];
  if (hsts) headers['strict-transport-security'] = 'max-age=31536000';
  for (const [name, value] of Object.entries(headers)) if (!reply.hasHeader(name)) void reply.header(name, value);
}

function corsHeaders(reply: FastifyReply, origin: string): void {
  void reply.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true').header('access-control-expose-headers', CORS_EXPOSED_HEADERS);
}

function varyOnOrigin(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  const values = typeof vary === 'string' ? vary.split(',').map((v) => v.trim().toLowerCase()) : [];
  if (!values.includes('origin')) void reply.header('vary', [...values.filter(Boolean), 'origin'].join(', '));
}

/** The token a request presents, hashed: the count is kept under it, never under the token as given. */
function tokenHash(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
  return token ? createHash('sha256').update(token).digest('hex') : undefined;
}

/** Refused tokens count against their address, so that made-up tokens do not each get a fresh minute. */
const refusedTokensKey = (request: FastifyRequest) => `refused-token:${request.ip}`;

/** Counts the request under its token, or its address without one; the problem to answer when over the limit. */
async function overRateLimit(limit: ApiRateLimit, request: FastifyRequest): Promise<Problem | undefined> {
  const token = tokenHash(request);
  const refused = token ? await limit.peek(refusedTokensKey(request)) : null;
  const decision = refused && !refused.allowed ? refused : await limit.take(token ? `token:${token}` : `address:${request.ip}`);
  if (!decision || decision.allowed) return undefined;
  const detail = `More than ${decision.limit} requests a minute; try again in ${decision.retryAfterSeconds} s`;
  return problem(429, 'rate_limited', detail, { retryAfterSeconds: decision.retryAfterSeconds });
}

/** Walks the parsed body without recursion, so that the check itself cannot overflow. */
export function nestedDeeperThan(body: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[body, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

/** A refusal that needs no route: the URL is too long or the request names no host. */
function refusal(request: FastifyRequest) {
  if (request.url.length > MAX_URL_LENGTH) return problem(414, 'uri_too_long', `The URL is longer than ${MAX_URL_LENGTH} characters`);
  if (request.raw.httpVersion === '1.1' && !request.headers.host) return problem(400, 'missing_host', 'An HTTP/1.1 request must have a Host header');
  return undefined;
}

/** Refusals before any route: a draining server, a URL too long, no Host, a body nested too deep. */
function refuseEarly(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onRequest', async (request, reply) => {
    // A request on a kept-alive connection while the server drains: the balancer should send it elsewhere.
    if (closing) return sendProblem(reply.header('connection', 'close'), request, problem(503, 'shutting_down', 'The server is shutting down; try again', { retryAfterSeconds: 1 })), reply;
    const refused = refusal(request);
    if (refused) return sendProblem(reply, request, refused), reply;
  });
  fastify.addHook('preValidation', async (request, reply) => {
    if (nestedDeeperThan(request.body, MAX_BODY_DEPTH)) {
      return sendProblem(reply, request, problem(400, 'body_too_deep', `The request body nests deeper than ${MAX_BODY_DEPTH} levels`)), reply;
    }
  });
}

/** Cross-origin access for the listed origins only; others get no CORS headers at all. */
function allowCors(fastify: FastifyInstance, origins: string[]): void {
  const allowed = new Set(origins);
  if (allowed.size === 0) return;
  fastify.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin && allowed.has(origin) && request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      corsHeaders(reply, origin);
      void reply.header('access-control-allow-methods', CORS_METHODS).header('access-control-allow-headers', CORS_REQUEST_HEADERS).header('access-control-max-age', '600');
      return reply.status(204).send();
    }
  });
  fastify.addHook('onSend', async (request, reply) => {
    varyOnOrigin(reply);
    const origin = request.headers.origin;
    if (origin && allowed.has(origin)) corsHeaders(reply, origin);
  });
}

/**
 * A request body that stops arriving for `bodyIdleTimeoutMs` is cut off with 408; one that keeps
 * streaming has the whole request timeout. Once the body is in, or while the application has not
 * yet read what arrived, the wait is the server's and the connection's usual timeout applies.
 */
function limitBodyIdle(fastify: FastifyInstance, config: AppConfig): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const { raw } = request;
    const socket = raw.socket;
    if (raw.complete || !socket) return;
    const onTimeout = () => {
      if (!raw.complete && raw.readableLength === 0) return answerStalledBody(socket);
      if (!raw.complete) return void socket.setTimeout(config.bodyIdleTimeoutMs);
      reply.raw.off('timeout', onTimeout);
      socket.setTimeout(config.requestTimeoutMs);
    };
    // Node emits a socket's timeout on the response too; a listener there keeps Node from dropping the socket silently.
    reply.raw.on('timeout', onTimeout);
    socket.setTimeout(config.bodyIdleTimeoutMs);
  });
}

function limitRate(fastify: FastifyInstance, config: AppConfig): void {
  if (config.rateLimitPerMinute === 0) return;
  const counter = config.redisUrl ? new RedisCounter(config.redisUrl, config.queuePrefix) : new MemoryCounter();
  const rateLimit = new ApiRateLimit(counter, config.rateLimitPerMinute);
  fastify.addHook('onRequest', async (request, reply) => {
    if (UNLIMITED_PATHS.includes(pathOf(request))) return;
    const limited = await overRateLimit(rateLimit, request);
    if (limited) return sendProblem(reply, request, limited), reply;
  });
  fastify.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 401 && tokenHash(request)) await rateLimit.take(refusedTokensKey(request));
  });
  fastify.addHook('onListen', async () => rateLimit.open());
  fastify.addHook('onClose', async () => rateLimit.close());
}

export async function registerHttpEdge(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // Request bodies are never compressed: a compressed upload would dodge the size checks.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  answerExpectations(fastify.server);
  // Hooks run in the order they are added: refusals, then CORS preflights, then the rate limit.
  refuseEarly(fastify);
  limitBodyIdle(fastify, config);
  allowCors(fastify, config.corsOrigins);
  limitRate(fastify, config);
  const hsts = config.publicUrl.startsWith('https://');
  fastify.addHook('onSend', async (request, reply) => {
    securityHeaders(request, reply, hsts);
    // A refusal before the body was read closes the connection rather than reading the rest.
    if (reply.statusCode >= 400 && !request.raw.complete) void reply.header('connection', 'close');
  });
}
