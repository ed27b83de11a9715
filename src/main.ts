import { createApp, startApp, stopApp, type Mode } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';

const MODES: Mode[] = ['all', 'api', 'worker'];

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!MODES.includes(mode)) throw new ConfigError(`Unknown mode "${mode}": use ${MODES.join(', ')}`);
  const config = loadConfig();
  const app = await createApp(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received: finishing requests and jobs in flight\n`);
    await stopApp(app);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  await startApp(app, config, mode);
  if (mode !== 'worker') process.stdout.write(`Assay (${mode}) listening on ${config.publicUrl} — API docs at ${config.publicUrl}/docs\n`);
  else process.stdout.write('Assay worker started\n');
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `Configuration error: ${error.message}` : `Assay failed to start: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
