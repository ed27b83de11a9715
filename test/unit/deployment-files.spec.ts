/**
 * The image and the compose file as an operator meets them. No Docker engine is needed: these read
 * the files (`docker compose config -q` runs in .ci/run where the compose client exists).
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

interface Service {
  image?: string;
  ports?: string[];
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}

async function compose(): Promise<{ text: string; services: Record<string, Service> }> {
  const text = await readFile('docker-compose.yml', 'utf8');
  // `merge: true`: the YAML merge keys (<<) compose applies.
  return { text, services: parse(text, { merge: true }).services };
}

/** The Dockerfile's instructions with continuation lines joined, comments left out. */
async function dockerfile(): Promise<string[]> {
  const text = await readFile('Dockerfile', 'utf8');
  return text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}

describe('docker-compose.yml', () => {
  it('publishes neither PostgreSQL nor Redis on the host, and the mail UI on this machine only', async () => {
    const { services } = await compose();
    expect(services.postgres.ports).toBeUndefined();
    expect(services.redis.ports).toBeUndefined();
    expect(services.mail.ports).toEqual(['127.0.0.1:8025:8025']);
  });

  it('pins every image to a version: postgres 15.x, redis 7.x, mailpit vX.Y.Z', async () => {
    const { services } = await compose();
    expect(services.postgres.image).toMatch(/^postgres:15\.\d+$/);
    expect(services.redis.image).toMatch(/^redis:7\.\d+\.\d+$/);
    expect(services.mail.image).toMatch(/^axllent\/mailpit:v\d+\.\d+\.\d+$/);
  });

  it('checks the health of the worker on its health port, and runs API and worker from the image', async () => {
    const { services } = await compose();
    expect(services.worker.command).toEqual(['node', 'dist/src/main.js', 'worker']);
    expect(services.worker.environment).toMatchObject({ WORKER_HEALTH_PORT: '3001', DATABASE_URL: expect.stringMatching(/^postgres:/), DATA_DIR: '/data' });
    expect(services.worker.healthcheck?.test).toEqual(['CMD', 'node', 'dist/src/healthcheck.js', 'worker']);
    expect(services.api.command).toEqual(['node', 'dist/src/main.js', 'api']);
    expect(services.api.environment?.WORKER_HEALTH_PORT).toBeUndefined();
  });

  it('needs no variable set: no required interpolation, no obsolete `version` key', async () => {
    const { text } = await compose();
    expect(text).not.toMatch(/\$\{[A-Z_]+:?\?/);
    expect(parse(text).version).toBeUndefined();
  });
});

describe('Dockerfile', () => {
  it('runs as the node user with /data created and owned by it, and DATA_DIR pointing there', async () => {
    const lines = await dockerfile();
    const runtime = lines.slice(lines.findLastIndex((line) => line.startsWith('FROM ')));
    expect(runtime).toContain('USER node');
    expect(runtime.some((line) => /^RUN mkdir -p \/data && chown node:node \/data$/.test(line))).toBe(true);
    expect(runtime.findIndex((line) => line.includes('chown node:node /data'))).toBeLessThan(runtime.indexOf('USER node'));
    expect(runtime.some((line) => /^ENV .*\bDATA_DIR=\/data\b/.test(line))).toBe(true);
  });

  it('has a health check with node, and starts node in exec form so that signals reach it', async () => {
    const lines = await dockerfile();
    expect(lines.some((line) => /^HEALTHCHECK .*CMD \["node", "dist\/src\/healthcheck\.js"\]$/.test(line))).toBe(true);
    expect(lines.filter((line) => line.startsWith('CMD ')).at(-1)).toBe('CMD ["node", "dist/src/main.js"]');
  });

  it('leaves tests and benchmarks out: nothing under test/ is copied and the build compiles no test', async () => {
    const lines = await dockerfile();
    expect(lines.filter((line) => /^COPY .*\btest\b/.test(line))).toEqual([]);
    const build = JSON.parse(await readFile('tsconfig.build.json', 'utf8'));
    expect(build.include.filter((path: string) => path.startsWith('test'))).toEqual([]);
  });
});
