/**
 * The image's health check, so that it needs no curl: `node dist/src/healthcheck.js` asks the
 * API's GET /health/ready on PORT; `node dist/src/healthcheck.js worker` asks a worker's
 * GET /health/live on WORKER_HEALTH_PORT. Exits 0 on a 200 within the timeout, 1 otherwise,
 * with the reason on stderr (Docker keeps it in the container's health log).
 */
const TIMEOUT_MS = 4000;
const ANY_ADDRESS = ['0.0.0.0', '::', ''];

function target(worker: boolean, env: NodeJS.ProcessEnv): string {
  const port = worker ? env.WORKER_HEALTH_PORT : (env.PORT ?? '3000');
  if (!port) throw new Error('WORKER_HEALTH_PORT is not set: worker mode has no health listener');
  const host = ANY_ADDRESS.includes(env.HOST?.trim() ?? '') ? '127.0.0.1' : env.HOST!.trim();
  const name = host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}${worker ? '/health/live' : '/health/ready'}`;
}

/** "fetch failed: connect ECONNREFUSED …": the reason fetch gives, with its cause. */
function reason(error: Error): string {
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}

async function check(): Promise<void> {
  const url = target(process.argv[2] === 'worker', process.env);
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch((error: Error) => {
    throw new Error(`${url} did not answer: ${reason(error)}`);
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
}

check().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`unhealthy: ${error.message}\n`);
    process.exit(1);
  },
);
