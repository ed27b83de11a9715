import { readFile } from 'node:fs/promises';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { buildOpenApi } from '../../src/openapi.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the committed API contract', () => {
  it('matches what the code describes (run `npm run openapi` after changing the API)', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://offline/unused', REDIS_URL: 'redis://offline:6379', LOG_LEVEL: 'silent' });
    const app = await createApp(config);
    const generated = `${JSON.stringify(buildOpenApi(app), null, 2)}\n`;
    const committed = await readFile('openapi/openapi.json', 'utf8');
    expect(committed).toBe(generated);
  });

  it('gives every operation a unique operationId, a security entry or an explicit public mark, and problem responses', async () => {
    const document = JSON.parse(await readFile('openapi/openapi.json', 'utf8'));
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(item)) {
        expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        const isPublic = ['/api/v1/auth/login', '/api/v1/auth/invitations/accept', '/api/v1/auth/methods', '/api/v1/auth/oidc/login', '/api/v1/auth/oidc/callback', '/health/live', '/health/ready'].includes(path);
        if (!isPublic) expect({ path, method, security: operation.security }).toEqual({ path, method, security: [{ bearer: [] }] });
        expect(operation.responses['400'].content['application/problem+json']).toBeDefined();
      }
    }
  });
});

describe('served documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('serves /openapi.json equal to the committed file and Swagger UI at /docs', async () => {
    const served = await t.http().get('/openapi.json').expect(200);
    const committed = JSON.parse(await readFile('openapi/openapi.json', 'utf8'));
    expect(served.body).toEqual(committed);
    const docs = await t.http().get('/docs').redirects(2).expect(200);
    expect(docs.text).toContain('swagger-ui');
  });
});
