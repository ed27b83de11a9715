import { isIP } from 'node:net';

/**
 * Environment configuration, validated once at boot. A bad value stops the boot with one line
 * naming the variable, so an operator never starts a half-configured portal.
 */
import { parseAcceptancePolicy, type AcceptancePolicy } from '../domain/acceptance-policy.js';
import { parseCadence, parseResidualCaps, type ResidualCaps } from '../domain/reassessment-cadence.js';
import type { Tier } from '../domain/tiering.js';
import { parseLocalLogin, parseOidcConfig, type LocalLogin, type OidcConfig } from './oidc-config.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Whom to believe about the client's address: nobody (false), every hop, a hop count, or these proxies. */
export type TrustProxy = boolean | number | string[];

export interface AppConfig {
  port: number;
  /** The address the HTTP listener binds to. */
  host: string;
  publicUrl: string;
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  smtpUrl?: string;
  mailFrom: string;
  maxUploadBytes: number;
  /** Largest validation sample: a holdout of a million rows is far larger than any evidence document. */
  maxSampleBytes: number;
  adminEmail?: string;
  adminPassword?: string;
  logLevel: LogLevel;
  sessionTtlHours: number;
  /** Prefix of every queue key in Redis, so several deployments can share one Redis. */
  queuePrefix: string;
  /** How often the outbox relay looks for work that could not be enqueued yet. */
  outboxPollMs: number;
  /** The built portal (index.html and assets/) served at `/`. */
  portalDir: string;
  /** Days a validation sample file is kept; the results stay after it is deleted. */
  validationRetentionDays: number;
  trustProxy: TrustProxy;
  /** Requests per minute per token (or per client address without one); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Browser origins allowed to call the API cross-origin; empty means no CORS at all. */
  corsOrigins: string[];
  /** How long a client may take to send its headers, its whole request, and to reuse a connection. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How long a request body may stop arriving before it is cut off (never longer than the request timeout). */
  bodyIdleTimeoutMs: number;
  /** How long approvals and risk acceptances stand, and who may accept what. */
  decisionPolicy: DecisionPolicy;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** When set, worker mode answers GET /health/live on this port (0: any free port). */
  workerHealthPort?: number;
  /** Staff single sign-on; off unless OIDC_ISSUER and OIDC_CLIENT_ID are set. */
  oidc?: OidcConfig;
  localLogin: LocalLogin;
}

export interface DecisionPolicy {
  reassessmentMonths: Record<Tier, number>;
  approvalMonthsByResidual: ResidualCaps;
  riskAcceptance: AcceptancePolicy;
}

export class ConfigError extends Error {}

export type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function parsed<T>(env: Env, name: string, parse: (text: string | undefined) => T): T {
  try {
    return parse(read(env, name));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function email(env: Env, name: string, allowDisplayName = false): string | undefined {
  const raw = read(env, name);
  const pattern = allowDisplayName ? /^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/ : /^[^\s@<>]+@[^\s@<>]+$/;
  if (raw !== undefined && !pattern.test(raw)) throw new ConfigError(`${name} is not an e-mail address`);
  return allowDisplayName ? raw : raw?.toLowerCase();
}

/** `10.0.0.5`, `10.0.0.0/8`, `::1` or `fd00::/8`. */
function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

function trustProxy(env: Env): TrustProxy {
  const raw = read(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return integer(env, 'TRUST_PROXY', 0, 1, 32);
  const proxies = raw.split(',').map((entry) => entry.trim());
  const wrong = proxies.find((entry) => !isAddressOrCidr(entry));
  if (wrong !== undefined) throw new ConfigError(`TRUST_PROXY must be true, false, a hop count or a comma list of proxy addresses or CIDRs, got "${wrong}"`);
  return proxies;
}

function host(env: Env): string {
  const raw = read(env, 'HOST') ?? '0.0.0.0';
  if (!isIP(raw) && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(raw)) {
    throw new ConfigError(`HOST must be an address or a host name to listen on, got "${raw}"`);
  }
  return raw;
}

function origins(env: Env, name: string): string[] {
  const raw = read(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim().replace(/\/+$/, '');
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError(`${name} must be a comma list of origins such as https://portal.bank.example, got "${entry.trim()}"`);
    }
    return origin;
  });
}

function httpTimeouts(env: Env): Pick<AppConfig, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'bodyIdleTimeoutMs'> {
  const headersTimeoutMs = integer(env, 'HTTP_HEADERS_TIMEOUT_MS', 20_000, 100, 600_000);
  // Five minutes carries a 50 MB upload over a 1.5 Mbit/s uplink.
  const requestTimeoutMs = integer(env, 'HTTP_REQUEST_TIMEOUT_MS', 300_000, 100, 3_600_000);
  const keepAliveTimeoutMs = integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000);
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS');
  // A body that stops arriving holds a connection; one that keeps streaming may use the whole request timeout.
  const bodyIdleTimeoutMs = Math.min(integer(env, 'HTTP_BODY_IDLE_TIMEOUT_MS', 30_000, 100, 600_000), requestTimeoutMs);
  return { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, bodyIdleTimeoutMs };
}

// ASSAY_SKIP_BUILD and ASSAY_DIST_DIR are read by scripts/start.mjs before the server starts.
const KNOWN_ASSAY_VARIABLES = new Set(['ASSAY_ADMIN_EMAIL', 'ASSAY_ADMIN_PASSWORD', 'ASSAY_SKIP_BUILD', 'ASSAY_DIST_DIR']);

function rejectUnknown(env: Env): void {
  const unknown = Object.keys(env).find((name) => name.startsWith('ASSAY_') && !KNOWN_ASSAY_VARIABLES.has(name));
  if (unknown) throw new ConfigError(`${unknown} is not a setting Assay knows`);
}

function signIn(env: Env): Pick<AppConfig, 'oidc' | 'localLogin'> {
  const oidc = parsed(env, 'OIDC_ISSUER', () => parseOidcConfig((name) => read(env, name)));
  const localLogin = parsed(env, 'LOCAL_LOGIN', () => parseLocalLogin((name) => read(env, name)));
  if (localLogin === 'vendors-only' && !oidc) throw new ConfigError('LOCAL_LOGIN=vendors-only needs single sign-on: set OIDC_ISSUER and OIDC_CLIENT_ID');
  return { oidc, localLogin };
}

export function loadConfig(env: Env = process.env): AppConfig {
  rejectUnknown(env);
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const logLevel = (read(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const adminPassword = read(env, 'ASSAY_ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('ASSAY_ADMIN_PASSWORD must be at least 12 characters');
  }
  const metricsToken = read(env, 'METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  return {
    port,
    host: host(env),
    publicUrl: publicUrl.replace(/\/+$/, ''),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dataDir: read(env, 'DATA_DIR') ?? './data',
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: email(env, 'MAIL_FROM', true) ?? 'Assay <assay@localhost>',
    maxUploadBytes: integer(env, 'MAX_UPLOAD_BYTES', 52_428_800, 1, 10 * 1024 ** 3),
    maxSampleBytes: integer(env, 'MAX_SAMPLE_BYTES', 524_288_000, 1, 10 * 1024 ** 3),
    adminEmail: email(env, 'ASSAY_ADMIN_EMAIL'),
    adminPassword,
    logLevel,
    sessionTtlHours: integer(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90),
    queuePrefix: read(env, 'QUEUE_PREFIX') ?? 'assay',
    outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 2000, 50, 60_000),
    decisionPolicy: {
      reassessmentMonths: parsed(env, 'REASSESSMENT_MONTHS', parseCadence),
      approvalMonthsByResidual: parsed(env, 'APPROVAL_MONTHS_BY_RESIDUAL', parseResidualCaps),
      riskAcceptance: parsed(env, 'RISK_ACCEPTANCE_POLICY', parseAcceptancePolicy),
    },
    trustProxy: trustProxy(env),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    ...httpTimeouts(env),
    validationRetentionDays: integer(env, 'VALIDATION_RETENTION_DAYS', 90, 1, 3650),
    portalDir: read(env, 'PORTAL_DIR') ?? 'dist/web',
    metricsToken,
    workerHealthPort: read(env, 'WORKER_HEALTH_PORT') === undefined ? undefined : integer(env, 'WORKER_HEALTH_PORT', 0, 0, 65_535),
    ...signIn(env),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
