import { resolve } from 'node:path';
import { createApp, startApp, stopApp, type Mode } from './app.js';
import { createLifecycleLogger } from './common/logger.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';

const MODES: Mode[] = ['all', 'api', 'worker'];
/** A failed boot still releases what it started (DATA_DIR lock, embedded servers), but not forever. */
const CLEANUP_TIMEOUT_MS = 10_000;

/** One line on where the data and the queues live, so a first run shows what it runs on. */
function backends(config: AppConfig): string {
  const database = config.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `embedded PostgreSQL (PGlite) in ${resolve(config.dataDir)}`;
  const queues = config.redisUrl ? 'Redis at REDIS_URL' : config.databaseUrl ? 'BullMQ on PostgreSQL' : 'BullMQ on a second embedded PostgreSQL';
  return `Data: ${database}; queues: ${queues}`;
}

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!MODES.includes(mode)) throw new ConfigError(`Unknown mode "${mode}": use ${MODES.join(', ')}`);
  const config = loadConfig();
  const log = createLifecycleLogger(config.logLevel);
  const app = await createApp(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const since = performance.now();
    log.info({ signal }, `${signal} received: finishing requests and jobs in flight`);
    await stopApp(app);
    log.info({ signal, durationMs: Math.round(performance.now() - since) }, 'Assay stopped: requests and jobs finished, connections closed');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  try {
    await startApp(app, config, mode);
  } catch (error) {
    stopping = true;
    const timeout = new Promise((done) => setTimeout(done, CLEANUP_TIMEOUT_MS).unref());
    await Promise.race([stopApp(app).catch(() => undefined), timeout]);
    throw error;
  }
  log.info({ mode }, backends(config));
  if (mode !== 'worker') log.info({ mode, url: config.publicUrl }, `Assay (${mode}) listening on ${config.publicUrl} — API docs at ${config.publicUrl}/docs`);
  else log.info({ mode }, 'Assay worker started');
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `Configuration error: ${error.message}` : `Assay failed to start: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
