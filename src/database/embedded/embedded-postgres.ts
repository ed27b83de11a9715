import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ServerMessage, ServerRequest } from './pglite-server.worker.js';

/** Where a client reaches an embedded database: a Unix socket directory, or 127.0.0.1 and a port. */
export interface PgEndpoint {
  host: string;
  port: number;
  user: string;
  database: string;
}

export interface EmbeddedPostgres {
  endpoint: PgEndpoint;
  stop: () => Promise<void>;
}

export class EmbeddedDatabaseError extends Error {}

/** The file name libpq and node-postgres look for in a socket directory. */
const SOCKET_FILE = '.s.PGSQL.5432';
/** First boot runs initdb (seconds); a later boot may replay the log of a crash. */
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

/** Under the test runner this module is TypeScript; the thread then runs the compiled copy in dist/. */
function workerScript(): URL {
  const here = import.meta.url;
  const script = here.endsWith('.ts')
    ? new URL('../../../dist/src/database/embedded/pglite-server.worker.js', here)
    : new URL('./pglite-server.worker.js', here);
  if (!existsSync(script)) throw new EmbeddedDatabaseError(`${fileURLToPath(script)} is missing: run \`npm run build\` first`);
  return script;
}

function onceSettled(worker: Worker, timeoutMs: number, expected: ServerMessage['type']): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new EmbeddedDatabaseError(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    const onMessage = (message: ServerMessage) => {
      if (message.type === expected) finish(undefined, message);
      else if (message.type === 'failed') finish(new EmbeddedDatabaseError(message.message));
    };
    const onError = (error: Error) => finish(new EmbeddedDatabaseError(error.message));
    const onExit = (code: number) => finish(new EmbeddedDatabaseError(`the database thread exited with code ${code}`));
    function finish(error?: Error, message?: ServerMessage) {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

/**
 * Starts PGlite on `dataDir` in a worker thread, serving it on a Unix socket in `socketDir` (or on
 * 127.0.0.1 when `socketDir` is omitted). The caller must hold the data directory's lock: a socket
 * file found there is left over from a crash and is removed.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  socketDir?: string;
  settings?: string[];
  /** Told when the database thread dies after it started. */
  onFailure?: (message: string) => void;
}): Promise<EmbeddedPostgres> {
  const { dataDir, socketDir } = options;
  let listen: ServerRequest['listen'] = { port: 0 };
  if (socketDir) {
    await mkdir(socketDir, { recursive: true, mode: 0o700 });
    await rm(join(socketDir, SOCKET_FILE), { force: true });
    listen = { path: join(socketDir, SOCKET_FILE) };
  }
  const request: ServerRequest = { dataDir, listen, settings: options.settings ?? [] };
  let worker: Worker;
  let ready: ServerMessage;
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(request);
    [worker, ready] = await runThread(request, 'ready');
  } catch (error) {
    throw new EmbeddedDatabaseError(`The embedded database in ${dataDir} did not start: ${(error as Error).message}`);
  }
  const port = ready.type === 'ready' && ready.port ? ready.port : 5432;
  const endpoint: PgEndpoint = { host: socketDir ?? '127.0.0.1', port, user: 'postgres', database: 'postgres' };
  let stopping: Promise<void> | undefined;
  const report = (message: string) => {
    if (!stopping) options.onFailure?.(`the embedded database in ${dataDir} stopped: ${message}`);
  };
  worker.on('error', (error) => report(error.message)).on('exit', (code) => report(`its thread exited with code ${code}`));
  const stop = () => (stopping ??= stopWorker(worker));
  return { endpoint, stop };
}

/**
 * Creates the database on a thread of its own, because initdb grows PGlite's memory to about 800 MB
 * and a WebAssembly instance never gives memory back; in a side directory, so that a first boot
 * killed half-way leaves nothing that looks like a database.
 */
async function initialise(request: ServerRequest): Promise<void> {
  const draft = `${request.dataDir}.new`;
  await rm(draft, { recursive: true, force: true });
  try {
    const [worker] = await runThread({ ...request, dataDir: draft, initOnly: true }, 'stopped');
    await worker.terminate();
  } catch (error) {
    await rm(draft, { recursive: true, force: true });
    throw error;
  }
  await rm(request.dataDir, { recursive: true, force: true });
  await rename(draft, request.dataDir);
}

/** Runs the server script on a thread until it says `expected`; a thread that fails is ended. */
async function runThread(request: ServerRequest, expected: ServerMessage['type']): Promise<[Worker, ServerMessage]> {
  const worker = new Worker(workerScript(), { workerData: request });
  try {
    return [worker, await onceSettled(worker, START_TIMEOUT_MS, expected)];
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}

async function stopWorker(worker: Worker): Promise<void> {
  const stopped = onceSettled(worker, STOP_TIMEOUT_MS, 'stopped').catch(() => undefined);
  worker.postMessage('stop');
  await stopped;
  await worker.terminate();
}
