import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../../config/config.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { EmbeddedDatabaseError, startEmbeddedPostgres, type EmbeddedPostgres, type PgEndpoint } from './embedded-postgres.js';

/**
 * The services Assay brings itself when none is configured: PostgreSQL (PGlite) for the data when
 * DATABASE_URL is unset, and a second PGlite for BullMQ when REDIS_URL is unset too. The queue gets
 * its own instance because a PGlite is one session: a job added while the outbox transaction holds
 * that session would wait for it forever.
 */
export interface EmbeddedBackends {
  database: PgEndpoint;
  /** Set when the queues run on BullMQ's PostgreSQL backend in the embedded instance. */
  queue?: PgEndpoint;
  stop: () => Promise<void>;
}

/** A first boot writes about 40 MB; refuse early rather than fail half-way through initdb. */
const MIN_FREE_BYTES = 64 * 1024 * 1024;
/** Unix socket paths are limited to about 104 bytes (macOS) or 108 (Linux). */
const MAX_SOCKET_PATH = 100;
/** Smaller than PostgreSQL's default: each PGlite keeps its buffers in the Assay process. */
const DATABASE_SETTINGS = ['shared_buffers=32MB'];
const QUEUE_SETTINGS = ['shared_buffers=16MB'];

async function checkDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new EmbeddedDatabaseError(`DATA_DIR ${dataDir} cannot be created (${code ?? message}): set DATA_DIR to a writable directory`);
  }
  const fs = await statfs(dataDir);
  const free = fs.bavail * fs.bsize;
  if (free < MIN_FREE_BYTES) {
    throw new EmbeddedDatabaseError(
      `DATA_DIR ${dataDir} has ${Math.floor(free / 1024 / 1024)} MB free; the embedded database needs at least ${MIN_FREE_BYTES / 1024 / 1024} MB`,
    );
  }
}

async function lock(dataDir: string): Promise<DataDirLock> {
  try {
    return await lockDataDir(dataDir);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (!code) throw error;
    throw new EmbeddedDatabaseError(`DATA_DIR ${dataDir} is not writable (${code}): set DATA_DIR to a writable directory with free space`);
  }
}

/**
 * Sockets live in DATA_DIR when the path is short enough, else in a private temporary directory;
 * on Windows, where node-postgres has no Unix sockets, the servers listen on 127.0.0.1 instead.
 */
function socketDirs(dataDir: string): { database?: string; queue?: string; cleanup: () => void } {
  if (process.platform === 'win32') return { cleanup: () => undefined };
  const inDataDir = join(dataDir, 'run');
  if (join(inDataDir, 'queue', '.s.PGSQL.5432').length <= MAX_SOCKET_PATH) {
    return { database: join(inDataDir, 'db'), queue: join(inDataDir, 'queue'), cleanup: () => undefined };
  }
  const temporary = mkdtempSync(join(tmpdir(), 'assay-'));
  return { database: join(temporary, 'db'), queue: join(temporary, 'queue'), cleanup: () => rmSync(temporary, { recursive: true, force: true }) };
}

/** Starts what the configuration leaves to Assay; throws EmbeddedDatabaseError with a message for the operator. */
export async function startEmbeddedBackends(config: AppConfig, onFailure: (message: string) => void): Promise<EmbeddedBackends> {
  const dataDir = resolve(config.dataDir);
  await checkDataDir(dataDir);
  const held = await lock(dataDir);
  const sockets = socketDirs(dataDir);
  const started: EmbeddedPostgres[] = [];
  const stop = async () => {
    await Promise.all(started.map((server) => server.stop()));
    sockets.cleanup();
    await held.release();
  };
  try {
    const servers = await Promise.allSettled([
      startEmbeddedPostgres({ dataDir: join(dataDir, 'db'), socketDir: sockets.database, settings: DATABASE_SETTINGS, onFailure }),
      config.redisUrl
        ? undefined
        : startEmbeddedPostgres({ dataDir: join(dataDir, 'queue'), socketDir: sockets.queue, settings: QUEUE_SETTINGS, onFailure }),
    ]);
    for (const server of servers) if (server.status === 'fulfilled' && server.value) started.push(server.value);
    const failed = servers.find((server) => server.status === 'rejected');
    if (failed) throw failed.reason;
    const [database, queue] = servers.map((server) => (server.status === 'fulfilled' ? server.value : undefined));
    return { database: database!.endpoint, queue: queue?.endpoint, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
