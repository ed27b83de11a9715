import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { answerEverything, buyers, sentAssessment, type Buyer, type SentAssessment } from '../support/flows.js';
import { portOf } from '../support/raw-http.js';
import { bearer, startTestApp, type TestApp } from '../support/test-app.js';
import { multipart, pdf } from '../support/uploads.js';
import { waitFor } from '../support/wait.js';

const PORTAL = 'https://portal.bank.example';
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A GET that keeps the bytes as sent (no automatic decompression), to see what went over the wire. */
function rawGet(t: TestApp, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: portOf(t.app), path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (encoding: string | string[] | undefined, bytes: Buffer) => (encoding === 'gzip' ? gunzipSync(bytes) : encoding === 'br' ? brotliDecompressSync(bytes) : bytes);

describe('the HTTP edge with default settings', () => {
  let t: TestApp;
  let buyer: Buyer;
  let a: SentAssessment;
  beforeAll(async () => {
    t = await startTestApp();
    buyer = await buyers(t);
    a = await sentAssessment(t, buyer.procurement);
  });
  afterAll(() => t.stop());

  it('puts the security headers and no-store on API answers, errors included', async () => {
    for (const res of [await t.http().get('/api/v1/me').set(bearer(t.adminToken)), await t.http().get('/api/v1/nowhere'), await t.http().post('/api/v1/auth/login').send({ email: 'x@bank.example', password: 'wrong-password' })]) {
      expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'content-security-policy': API_CSP, 'cache-control': 'no-store' });
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('gives the API docs a policy that lets Swagger UI load its own scripts, styles and the document', async () => {
    const page = await t.http().get('/docs').redirects(1).expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    // Every script the page loads is a file of its own, which script-src 'self' allows.
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(page.headers['cache-control']).not.toBe('no-store');
    expect((await t.http().get('/openapi.json').expect(200)).headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps a route\'s own caching and policy, as the evidence download sets them', async () => {
    const upload = multipart([{ name: 'file', filename: 'card.pdf', content: pdf('own headers') }]);
    const created = await t.http().post(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(a.vendorToken)).set('content-type', upload.contentType).send(upload.body).expect(201);
    const res = await t.http().get(`/api/v1/evidence/${created.body.id}/download`).set(bearer(a.vendorToken)).expect(200);
    expect(res.headers).toMatchObject({ 'cache-control': 'private, no-store', 'content-security-policy': "default-src 'none'; sandbox", 'referrer-policy': 'no-referrer' });
  });

  it('answers no CORS headers and no preflight when CORS_ORIGINS is not set', async () => {
    const res = await t.http().get('/api/v1/me').set(bearer(t.adminToken)).set('origin', PORTAL).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.http().options('/api/v1/me').set('origin', PORTAL).set('access-control-request-method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.status).toBeGreaterThanOrEqual(400);
  });

  it('compresses a large JSON answer with br or gzip, as the client asks, and leaves small ones alone', async () => {
    const plain = await rawGet(t, '/openapi.json', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['br', 'gzip']) {
      const res = await rawGet(t, '/openapi.json', { 'accept-encoding': encoding });
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.bytes.length).toBeLessThan(plain.bytes.length / 3);
      expect(decoded(encoding, res.bytes).equals(plain.bytes)).toBe(true);
    }
    const small = await rawGet(t, '/health/live', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('streams evidence and report downloads with their exact bytes, compressed or not', async () => {
    const csv = Buffer.from(Array.from({ length: 400 }, (_, i) => `${i},model-${i},approved,${randomBytes(4).toString('hex')}`).join('\n') + '\n');
    const files: Array<[string, Buffer]> = [
      ['metrics.csv', csv],
      ['card.pdf', pdf(`bytes ${randomBytes(4).toString('hex')}`)],
    ];
    for (const [name, content] of files) {
      const upload = multipart([{ name: 'file', filename: name, content }]);
      const created = await t.http().post(`/api/v1/assessments/${a.assessmentId}/evidence`).set(bearer(a.vendorToken)).set('content-type', upload.contentType).send(upload.body).expect(201);
      for (const encoding of ['', 'gzip', 'br']) {
        const res = await rawGet(t, `/api/v1/evidence/${created.body.id}/download`, { ...bearer(a.vendorToken), ...(encoding ? { 'accept-encoding': encoding } : {}) });
        expect(res.status).toBe(200);
        expect(sha256(decoded(res.headers['content-encoding'], res.bytes))).toBe(sha256(content));
      }
    }
    await answerEverything(t, a.vendorToken, a.assessmentId);
    await t.http().post(`/api/v1/assessments/${a.assessmentId}/submit`).set(bearer(a.vendorToken)).expect(200);
    const queued = await t.http().post(`/api/v1/assessments/${a.assessmentId}/reports`).set(bearer(buyer.riskManager)).expect(202);
    const report = await waitFor('the report', async () => {
      const res = await t.http().get(`/api/v1/reports/${queued.body.id}`).set(bearer(buyer.riskManager)).expect(200);
      return res.body.status === 'ready' ? res.body : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    for (const encoding of ['', 'gzip, br']) {
      const res = await rawGet(t, `/api/v1/reports/${report.id}/file`, { ...bearer(buyer.riskManager), ...(encoding ? { 'accept-encoding': encoding } : {}) });
      expect(res.status).toBe(200);
      expect(sha256(decoded(res.headers['content-encoding'], res.bytes))).toBe(report.sha256);
    }
  });
});

describe('the HTTP edge as configured for a deployment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://assay.bank.example', CORS_ORIGINS: `${PORTAL},http://localhost:5173`, HOST: '127.0.0.1' } });
  });
  afterAll(() => t.stop());

  it('listens on HOST', () => {
    expect((t.app.getHttpServer().address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('sends HSTS when PUBLIC_URL is https', async () => {
    const res = await t.http().get('/health/live').expect(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('answers a preflight from a listed origin, with credentials', async () => {
    const res = await t.http().options('/api/v1/assessments').set('origin', PORTAL).set('access-control-request-method', 'POST').set('access-control-request-headers', 'authorization, content-type').expect(204);
    expect(res.headers).toMatchObject({ 'access-control-allow-origin': PORTAL, 'access-control-allow-credentials': 'true', 'access-control-max-age': '600' });
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toContain('authorization');
    expect(res.headers['access-control-allow-headers']).toContain('x-csrf-token');
  });

  it('lets a listed origin read the answer, and the headers a client needs', async () => {
    const res = await t.http().get('/api/v1/me').set(bearer(t.adminToken)).set('origin', 'http://localhost:5173').expect(200);
    expect(res.headers).toMatchObject({ 'access-control-allow-origin': 'http://localhost:5173', 'access-control-allow-credentials': 'true' });
    expect(res.headers['access-control-expose-headers']).toContain('retry-after');
    expect(res.headers.vary).toContain('origin');
  });

  it('gives an unknown origin no CORS headers at all', async () => {
    const res = await t.http().get('/api/v1/me').set(bearer(t.adminToken)).set('origin', 'https://evil.example').expect(200);
    expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    const preflight = await t.http().options('/api/v1/me').set('origin', 'https://evil.example').set('access-control-request-method', 'DELETE');
    expect(Object.keys(preflight.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(preflight.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('the HTTP edge while the server drains', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  it('answers a request that arrives during shutdown with 503 problem+json and Retry-After', async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    const body = '{"email":"someone@bank.example","password":"not-the-password"}';
    const socket = connect({ host: '127.0.0.1', port: portOf(t.app) });
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise((done) => socket.once('close', done));
    await new Promise((done) => socket.once('connect', done));
    // A request still in flight (half its body sent) keeps the server draining.
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: assay.test\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 9)}`);
    await new Promise((done) => setTimeout(done, 200));
    const closed = fastify.close();
    await new Promise((done) => setTimeout(done, 200));
    // The rest of the first request, and a second one behind it on the same connection.
    socket.write(`${body.slice(9)}GET /api/v1/me HTTP/1.1\r\nHost: assay.test\r\n\r\n`);
    await Promise.all([ended, closed]);
    const answers = Buffer.concat(received).toString('utf8').split(/(?=HTTP\/1\.1 \d{3} )/);
    expect(answers.map((answer) => Number(answer.slice(9, 12)))).toEqual([401, 503]);
    expect(answers[1]).toMatch(/\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/i);
    expect(answers[1]).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(answers[1]).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(answers[1].slice(answers[1].indexOf('\r\n\r\n') + 4)).code).toBe('shutting_down');
  });
});
