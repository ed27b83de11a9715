import { join } from 'node:path';
import { ConfigError } from '../../config/config.js';

/**
 * Where evidence is stored, from STORAGE_URL: unset means a directory under DATA_DIR;
 * `file:///srv/evidence` another directory; `s3://bucket/prefix` an S3-compatible bucket, with
 * S3_ENDPOINT, AWS_REGION and the AWS credential variables read the usual way.
 */
export type StorageConfig =
  | { kind: 'local'; root: string }
  | {
      kind: 's3';
      bucket: string;
      prefix: string;
      region: string;
      endpoint?: string;
      forcePathStyle: boolean;
      credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    };

type Env = Record<string, string | undefined>;

const read = (env: Env, name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);

// Bucket names per the S3 naming rules: 3 to 63 lowercase letters, digits, dots and hyphens.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new ConfigError('STORAGE_URL is not a valid URL: use s3://bucket/prefix or file:///path');
  }
}

function endpointOf(env: Env): string | undefined {
  const raw = read(env, 'S3_ENDPOINT') ?? read(env, 'AWS_ENDPOINT_URL_S3') ?? read(env, 'AWS_ENDPOINT_URL');
  if (raw === undefined) return undefined;
  const protocol = (() => {
    try {
      return new URL(raw).protocol;
    } catch {
      return '';
    }
  })();
  if (protocol !== 'http:' && protocol !== 'https:') throw new ConfigError('S3_ENDPOINT must be an http:// or https:// URL');
  return raw;
}

function credentialsOf(env: Env): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined {
  const accessKeyId = read(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = read(env, 'AWS_SECRET_ACCESS_KEY');
  if (!accessKeyId && !secretAccessKey) return undefined; // the SDK's own chain: profile, instance role, web identity
  if (!accessKeyId || !secretAccessKey) throw new ConfigError('Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither');
  const sessionToken = read(env, 'AWS_SESSION_TOKEN');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

function forcePathStyleOf(env: Env, endpoint: string | undefined): boolean {
  const raw = read(env, 'S3_FORCE_PATH_STYLE');
  if (raw === undefined) return endpoint !== undefined; // MinIO and most self-hosted servers want path style
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`S3_FORCE_PATH_STYLE must be true or false, got "${raw}"`);
  return raw === 'true';
}

function s3Config(url: URL, env: Env): StorageConfig {
  const bucket = url.hostname;
  if (!BUCKET.test(bucket)) throw new ConfigError(`STORAGE_URL names an invalid bucket "${bucket}"`);
  const prefix = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  const endpoint = endpointOf(env);
  return {
    kind: 's3',
    bucket,
    prefix,
    region: read(env, 'AWS_REGION') ?? read(env, 'AWS_DEFAULT_REGION') ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
    forcePathStyle: forcePathStyleOf(env, endpoint),
    ...(credentialsOf(env) ? { credentials: credentialsOf(env) } : {}),
  };
}

export function loadStorageConfig(dataDir: string, env: Env = process.env): StorageConfig {
  const raw = read(env, 'STORAGE_URL');
  if (raw === undefined) return { kind: 'local', root: join(dataDir, 'evidence') };
  const url = parseUrl(raw);
  if (url.protocol === 's3:') return s3Config(url, env);
  if (url.protocol === 'file:') {
    const root = decodeURIComponent(url.pathname);
    if (!root || root === '/') throw new ConfigError('STORAGE_URL=file:// needs a directory path, e.g. file:///srv/assay/evidence');
    return { kind: 'local', root };
  }
  throw new ConfigError(`STORAGE_URL must start with s3:// or file://, got "${url.protocol}//"`);
}
