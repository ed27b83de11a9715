/**
 * Worker-thread entry: one PGlite database served over the PostgreSQL wire protocol. It runs in its
 * own thread because a PGlite query blocks the thread it runs on, and the API must keep answering.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { SessionQueue } from './session-queue.js';

export interface ServerRequest {
  dataDir: string;
  /** A Unix socket path, or a TCP port on 127.0.0.1 (0 picks a free one). */
  listen: { path: string } | { port: number };
  settings: string[];
  /** Create the database and stop: initdb's memory is then returned with the thread. */
  initOnly?: boolean;
}

export type ServerMessage = { type: 'ready'; port?: number } | { type: 'failed'; message: string } | { type: 'stopped' };

const request = workerData as ServerRequest;
const parent = parentPort!;
let db: PGlite | undefined;
let server: Server | undefined;
const handlers = new Map<PGLiteSocketHandler, Socket>();

function accept(queue: SessionQueue, socket: Socket): void {
  // The handler only calls the queue's public methods; its declared type has private fields.
  const queryQueue = queue as unknown as PGLiteSocketHandlerOptions['queryQueue'];
  const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
  handlers.set(handler, socket);
  const forget = () => handlers.delete(handler);
  handler.addEventListener('close', forget);
  handler.addEventListener('error', forget);
  handler.attach(socket).catch(() => socket.destroy());
}

function listen(target: Server): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    target.once('error', reject);
    const done = () => resolve('port' in request.listen ? (target.address() as AddressInfo).port : undefined);
    if ('path' in request.listen) target.listen(request.listen.path, done);
    else target.listen(request.listen.port, '127.0.0.1', done);
  });
}

async function start(): Promise<void> {
  // pg_trgm backs the substring-search indexes; PGlite loads an extension only when asked to.
  db = await PGlite.create(request.dataDir, { postgresqlconf: request.settings, extensions: { pg_trgm } });
  if (request.initOnly) return stop();
  const queue = new SessionQueue(db, (from, message) => {
    for (const [handler, socket] of handlers) if (handler.handlerId !== from && socket.writable) socket.write(message);
  });
  server = createServer((socket) => accept(queue, socket));
  const listening = await listen(server);
  parent.postMessage({ type: 'ready', port: listening } satisfies ServerMessage);
}

async function stop(): Promise<void> {
  await new Promise((resolve) => {
    if (!server?.listening) return resolve(undefined);
    server.close(resolve);
    for (const handler of handlers.keys()) void handler.detach(true);
  });
  // Closing shuts Postgres down cleanly, so the next start needs no crash recovery.
  await db?.close();
  parent.postMessage({ type: 'stopped' } satisfies ServerMessage);
  process.exit(0);
}

parent.on('message', (message: unknown) => {
  if (message === 'stop') void stop();
});

start().catch((error: unknown) => {
  parent.postMessage({ type: 'failed', message: describe(error) } satisfies ServerMessage);
  process.exit(1);
});

/** PGlite's file system errors carry a WASI errno number and no message. */
const WASI_ERRNO: Record<number, string> = {
  2: 'permission denied (EACCES)',
  19: 'disk quota exceeded (EDQUOT)',
  29: 'input/output error (EIO)',
  44: 'no such file or directory (ENOENT)',
  51: 'no space left on device (ENOSPC)',
  54: 'not a directory (ENOTDIR)',
  63: 'operation not permitted (EPERM)',
  69: 'read-only file system (EROFS)',
};

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const errno = (error as { errno?: unknown } | undefined)?.errno;
  if (typeof errno === 'number') return `file system error: ${WASI_ERRNO[errno] ?? `errno ${errno}`}`;
  return String(error);
}
