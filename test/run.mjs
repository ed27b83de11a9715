#!/usr/bin/env node
// `npm test`: builds (the embedded database thread and the child-process tests run compiled code),
// says which backends the suite runs on, then runs Jest on native ES modules. Real PostgreSQL and
// Redis when they answer; otherwise the embedded database (PGlite) and BullMQ's PostgreSQL backend.
// TEST_BACKENDS=embedded forces the embedded backends even when the services are up.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const forceEmbedded = process.env.TEST_BACKENDS === 'embedded';

function reachable(url, fallbackPort) {
  if (forceEmbedded) return Promise.resolve(false);
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || fallbackPort) });
    socket.setTimeout(1500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

function describe(pg, redis) {
  const host = (url) => new URL(url).host;
  const unreachable = [!pg && `PostgreSQL at ${host(databaseUrl)}`, !redis && `Redis at ${host(redisUrl)}`].filter(Boolean).join(' and ');
  const database = pg ? `real PostgreSQL (${host(databaseUrl)})` : 'the embedded database (PGlite, one DATA_DIR per test file)';
  const queues = redis ? `real Redis (${host(redisUrl)})` : "BullMQ's PostgreSQL backend";
  const why = forceEmbedded ? ' (TEST_BACKENDS=embedded)' : unreachable ? ` (${unreachable} not reachable)` : '';
  return `Testing on ${database} and ${queues}${why}.`;
}

/** An initialised PGlite directory that embedded test databases start as copies of: initdb takes seconds. */
async function embeddedTemplate(build) {
  const module = pathToFileURL(join(build, 'src', 'database', 'embedded', 'embedded-postgres.js'));
  const { startEmbeddedPostgres } = await import(module.href);
  const dir = mkdtempSync(join(tmpdir(), 'assay-test-template-'));
  const server = await startEmbeddedPostgres({ dataDir: join(dir, 'pgdata') });
  await server.stop();
  return dir;
}

const [pg, redis] = await Promise.all([reachable(databaseUrl, 5432), reachable(redisUrl, 6379)]);
console.log(describe(pg, redis));

// The server and the portal (browser and serving tests use dist/web), built as `npm start` would,
// stamp included, so that a start after the tests builds nothing again.
const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) console.warn('The build reports errors (above); the tests that run compiled code use what it emitted.');
// The tests that start Assay as a process run a copy of this build, which a later build cannot change
// under them; it sits in node_modules so that the copy still finds the packages.
mkdirSync('node_modules/.cache', { recursive: true });
const buildCopy = mkdtempSync('node_modules/.cache/assay-test-build-');
cpSync('dist', buildCopy, { recursive: true });
const template = await embeddedTemplate(buildCopy);

const env = { ...process.env, TEST_BACKENDS: `${pg ? 'postgres' : 'embedded'}+${redis ? 'redis' : 'postgres-queues'}` };
delete env.TEST_DATABASE_URL;
delete env.TEST_REDIS_URL;
if (pg) env.TEST_DATABASE_URL = databaseUrl;
if (redis) env.TEST_REDIS_URL = redisUrl;
env.TEST_PGLITE_TEMPLATE = join(template, 'pgdata');
env.TEST_BUILD_DIR = resolve(buildCopy);
env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim();

const args = process.argv.slice(2);
// An application on the embedded backends starts two databases of its own: give hooks more time.
if (!pg && !args.some((arg) => arg.startsWith('--testTimeout'))) args.push('--testTimeout=90000');
const result = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...args], { stdio: 'inherit', env });
rmSync(template, { recursive: true, force: true });
rmSync(buildCopy, { recursive: true, force: true });
process.exit(result.status ?? 1);
