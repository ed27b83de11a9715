/**
 * Environment configuration, validated once at boot. A bad value stops the boot with one line
 * naming the variable, so an operator never starts a half-configured portal.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  port: number;
  publicUrl: string;
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  smtpUrl?: string;
  mailFrom: string;
  maxUploadBytes: number;
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
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
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

function email(env: Env, name: string, allowDisplayName = false): string | undefined {
  const raw = read(env, name);
  const pattern = allowDisplayName ? /^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/ : /^[^\s@<>]+@[^\s@<>]+$/;
  if (raw !== undefined && !pattern.test(raw)) throw new ConfigError(`${name} is not an e-mail address`);
  return allowDisplayName ? raw : raw?.toLowerCase();
}

const KNOWN_ASSAY_VARIABLES = new Set(['ASSAY_ADMIN_EMAIL', 'ASSAY_ADMIN_PASSWORD']);

function rejectUnknown(env: Env): void {
  const unknown = Object.keys(env).find((name) => name.startsWith('ASSAY_') && !KNOWN_ASSAY_VARIABLES.has(name));
  if (unknown) throw new ConfigError(`${unknown} is not a setting Assay knows`);
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
  const publicUrl = url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  return {
    port,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    dataDir: read(env, 'DATA_DIR') ?? './data',
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: email(env, 'MAIL_FROM', true) ?? 'Assay <assay@localhost>',
    maxUploadBytes: integer(env, 'MAX_UPLOAD_BYTES', 52_428_800, 1, 10 * 1024 ** 3),
    adminEmail: email(env, 'ASSAY_ADMIN_EMAIL'),
    adminPassword,
    logLevel,
    sessionTtlHours: integer(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 90),
    queuePrefix: read(env, 'QUEUE_PREFIX') ?? 'assay',
    outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 2000, 50, 60_000),
    portalDir: read(env, 'PORTAL_DIR') ?? 'dist/web',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
