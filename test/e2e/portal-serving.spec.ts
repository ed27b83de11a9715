import { readdirSync } from 'node:fs';
import { expectProblem } from '../support/problem.js';
import { PORTAL_CSP } from '../../src/web/portal.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const builtScript = () => readdirSync('dist/web/assets').find((name) => name.endsWith('.js'))!;

describe('serving the portal', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it.each(['/', '/invite', '/assessments/8d0c2a5e-4a8f-4a43-9d6b-3f3d0c1b2a10', '/sign-in?next=%2F'])('answers the history route %s with index.html', async (path) => {
    const res = await t.http().get(path).set('accept', HTML).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<div id="root"></div>');
  });

  it('covers the page with a CSP that allows no inline script', async () => {
    const res = await t.http().get('/invite').set('accept', HTML).expect(200);
    expect(res.headers['content-security-policy']).toBe(PORTAL_CSP);
    expect(PORTAL_CSP).toContain("script-src 'self'");
    expect(PORTAL_CSP).not.toContain('unsafe-inline');
    const scripts = [...res.text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/\ssrc="\/assets\/[^"]+\.js"/);
      expect(body.trim()).toBe('');
    }
  });

  it('sends the page compressed to a browser that accepts it', async () => {
    const res = await t.http().get('/').set('accept', HTML).set('accept-encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toContain('<div id="root"></div>');
  });

  it('serves hashed assets for a year, immutable, and precompressed', async () => {
    const res = await t.http().get(`/assets/${builtScript()}`).set('accept-encoding', 'br, gzip').expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['content-encoding']).toBe('br');
  });

  it('answers a missing asset with 404, not with the page', async () => {
    const res = await t.http().get('/assets/missing-0000.js').set('accept', HTML);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="root"></div>');
  });

  it('leaves the API to the API, even for a browser asking for HTML', async () => {
    expectProblem(await t.http().get('/api/v1/nothing-here').set('accept', HTML), 404, 'not_found');
    expectProblem(await t.http().get('/api/v1/me').set('accept', HTML), 401, 'unauthenticated');
    const docs = await t.http().get('/openapi.json').set('accept', HTML).expect(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    await t.http().get('/health/live').set('accept', HTML).expect(200);
  });

  it('does not answer a client that does not ask for HTML with the page', async () => {
    const res = await t.http().get('/invite').set('accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('does not answer writes with the page', async () => {
    const res = await t.http().post('/invite').set('accept', HTML).send({});
    expect(res.status).toBe(404);
  });
});
