import { writeFile } from 'node:fs/promises';
import { createApp } from './app.js';
import { loadConfig } from './config/config.js';
import { buildOpenApi } from './openapi.js';

/** Writes openapi/openapi.json from the code, without a database or a queue. */
async function main(): Promise<void> {
  const config = loadConfig({ DATABASE_URL: 'postgres://offline/unused', REDIS_URL: 'redis://offline:6379', LOG_LEVEL: 'error' });
  const app = await createApp(config);
  const document = buildOpenApi(app);
  await writeFile('openapi/openapi.json', `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`Wrote openapi/openapi.json (${Object.keys(document.paths).length} paths)\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
