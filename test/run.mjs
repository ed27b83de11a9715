#!/usr/bin/env node
// `npm test`: says which backends the suite runs on, then runs Jest on native ES modules.
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';

const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url, fallbackPort) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || fallbackPort) });
    socket.setTimeout(1500);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

const [pg, redis] = await Promise.all([reachable(databaseUrl, 5432), reachable(redisUrl, 6379)]);
if (!pg || !redis) {
  const missing = [!pg && `PostgreSQL at ${databaseUrl}`, !redis && `Redis at ${redisUrl}`].filter(Boolean).join(' and ');
  console.error(`Tests need ${missing}: start them (docker compose up -d postgres redis) or set TEST_DATABASE_URL / TEST_REDIS_URL.`);
  process.exit(1);
}
console.log(`Testing on real PostgreSQL (${new URL(databaseUrl).host}) and real Redis (${new URL(redisUrl).host}).`);

const result = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TEST_DATABASE_URL: databaseUrl,
    TEST_REDIS_URL: redisUrl,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
  },
});
process.exit(result.status ?? 1);
