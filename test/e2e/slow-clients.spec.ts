import { join } from 'node:path';
import type { Socket } from 'node:net';
import { buyers, sentAssessment, type SentAssessment } from '../support/flows.js';
import { portOf } from '../support/raw-http.js';
import { exchange, parseAnswer, type RawAnswer } from '../support/raw-socket.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { filesUnder } from '../support/uploads.js';

const LIMIT = 2 * 1024 * 1024;
const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 3000;
const CRLF = '\r\n';

/** Writes `text` a byte at a time, `everyMs` apart, until the connection closes. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer);
    socket.write(text[at++]);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

async function timed(run: () => Promise<RawAnswer>): Promise<RawAnswer & { ms: number }> {
  const started = Date.now();
  const answer = await run();
  return { ...answer, ms: Date.now() - started };
}

interface StreamedUpload {
  answer: RawAnswer;
  /** Body bytes written before the first byte of the answer arrived. */
  writtenBeforeAnswer: number;
  finishedSending: boolean;
}

/**
 * Sends a multipart upload in chunked encoding as fast as the server reads it, up to `totalBytes`
 * of file, and stops at the first byte of the answer.
 */
function streamUpload(port: number, path: string, token: string, totalBytes: number, headers: string[] = ['Transfer-Encoding: chunked']): Promise<StreamedUpload> {
  const boundary = 'assay-slow-clients';
  const chunked = headers.some((header) => /^transfer-encoding: chunked/i.test(header));
  let written = 0;
  let writtenBeforeAnswer = -1;
  let finishedSending = false;
  return new Promise((resolve) => {
    void exchange(
      port,
      (socket) => {
        socket.on('data', () => {
          if (writtenBeforeAnswer < 0) writtenBeforeAnswer = written;
        });
        const head = `POST ${path} HTTP/1.1${CRLF}Host: assay.test${CRLF}Authorization: Bearer ${token}${CRLF}Content-Type: multipart/form-data; boundary=${boundary}${CRLF}${headers.join(CRLF)}${CRLF}${CRLF}`;
        socket.write(head);
        const frame = (bytes: Buffer) => (chunked ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}${CRLF}`), bytes, Buffer.from(CRLF)]) : bytes);
        socket.write(frame(Buffer.from(`--${boundary}${CRLF}Content-Disposition: form-data; name="file"; filename="big.pdf"${CRLF}Content-Type: application/pdf${CRLF}${CRLF}%PDF-1.4${CRLF}`)));
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        const pump = () => {
          while (writtenBeforeAnswer < 0 && !socket.destroyed) {
            if (written >= totalBytes) {
              // Not a half-close: Node drops a request whose client has stopped sending before the answer.
              socket.write(chunked ? frame(Buffer.from(`${CRLF}--${boundary}--${CRLF}`)).toString('latin1') + `0${CRLF}${CRLF}` : `${CRLF}--${boundary}--${CRLF}`);
              finishedSending = true;
              return;
            }
            written += chunk.length;
            if (!socket.write(frame(chunk))) return void socket.once('drain', pump);
          }
        };
        pump();
      },
      30_000,
    ).then((answer) => resolve({ answer, writtenBeforeAnswer, finishedSending }));
  });
}

describe('slow and oversized clients', () => {
  let t: TestApp;
  let a: SentAssessment;
  const temps = () => filesUnder(join(t.config.dataDir, 'uploads'));
  const port = () => portOf(t.app);

  beforeAll(async () => {
    t = await startTestApp({
      env: { HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), HTTP_KEEP_ALIVE_TIMEOUT_MS: '500', MAX_UPLOAD_BYTES: String(LIMIT) },
    });
    a = await sentAssessment(t, (await buyers(t)).procurement);
  });
  afterAll(() => t.stop());

  it('cuts off a client sending its headers a byte at a time, with 408 problem+json', async () => {
    const answer = await timed(() => exchange(port(), (socket) => trickle(socket, `GET /health/live HTTP/1.1${CRLF}Host: assay.test${CRLF}X-Slow: ${'s'.repeat(500)}`, 50), 10_000));
    expect({ closed: answer.closed, status: answer.statuses[0], contentType: answer.contentType }).toEqual({ closed: true, status: 408, contentType: 'application/problem+json; charset=utf-8' });
    expect(answer.ms).toBeLessThan(HEADERS_TIMEOUT_MS + 1500);
  });

  it('cuts off a body that arrives too slowly, with 408 problem+json', async () => {
    const head = `POST /api/v1/auth/login HTTP/1.1${CRLF}Host: assay.test${CRLF}Content-Type: application/json${CRLF}Content-Length: 500${CRLF}${CRLF}`;
    const answer = await timed(() =>
      exchange(port(), (socket) => {
        socket.write(head);
        trickle(socket, `{"email": "${'x'.repeat(480)}`, 100);
      }, 15_000),
    );
    expect({ closed: answer.closed, status: answer.statuses[0], contentType: answer.contentType }).toEqual({ closed: true, status: 408, contentType: 'application/problem+json; charset=utf-8' });
    expect(answer.ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2000);
  });

  it('closes an idle kept-alive connection after the keep-alive timeout', async () => {
    const answer = await timed(() => exchange(port(), (socket) => socket.write(`GET /health/live HTTP/1.1${CRLF}Host: assay.test${CRLF}${CRLF}`), 10_000));
    expect({ closed: answer.closed, statuses: answer.statuses }).toEqual({ closed: true, statuses: [200] });
    expect(answer.ms).toBeLessThan(3000);
  });

  it('refuses an upload whose Content-Length is over the limit before reading its body', async () => {
    const declared = LIMIT + 64 * 1024 * 1024;
    const sent = await streamUpload(port(), `/api/v1/assessments/${a.assessmentId}/evidence`, a.vendorToken, declared, [`Content-Length: ${declared}`]);
    expect({ status: sent.answer.statuses[0], contentType: sent.answer.contentType, closed: sent.answer.closed, finishedSending: sent.finishedSending }).toEqual({
      status: 413,
      contentType: 'application/problem+json; charset=utf-8',
      closed: true,
      finishedSending: false,
    });
    // What the socket buffers on both sides take in before the answer, not what the server read.
    expect(sent.writtenBeforeAnswer).toBeLessThan(8 * 1024 * 1024);
    expect(await temps()).toEqual([]);
  });

  it('cuts off a chunked upload with 413 as soon as it passes the limit', async () => {
    const sent = await streamUpload(port(), `/api/v1/assessments/${a.assessmentId}/evidence`, a.vendorToken, LIMIT + 64 * 1024 * 1024);
    const body = sent.answer.bytes.toString('utf8');
    expect({ status: sent.answer.statuses[0], contentType: sent.answer.contentType, closed: sent.answer.closed, finishedSending: sent.finishedSending }).toEqual({
      status: 413,
      contentType: 'application/problem+json; charset=utf-8',
      closed: true,
      finishedSending: false,
    });
    expect(JSON.parse(body.slice(body.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'payload_too_large', limitBytes: LIMIT });
    expect(sent.writtenBeforeAnswer).toBeGreaterThan(LIMIT);
    expect(sent.writtenBeforeAnswer).toBeLessThan(LIMIT + 8 * 1024 * 1024);
    expect(await temps()).toEqual([]);
  });

  it('does not read the body of a request it refuses before the route, such as one without a token', async () => {
    const sent = await streamUpload(port(), `/api/v1/assessments/${a.assessmentId}/evidence`, 'assay_not-a-real-token-at-all-aaaaaaaaaaaaaaaaa', LIMIT + 64 * 1024 * 1024);
    expect({ status: sent.answer.statuses[0], closed: sent.answer.closed, finishedSending: sent.finishedSending }).toEqual({ status: 401, closed: true, finishedSending: false });
    expect(sent.writtenBeforeAnswer).toBeLessThan(8 * 1024 * 1024);
  });

  it('still takes an upload within the limit', async () => {
    const sent = await streamUpload(port(), `/api/v1/assessments/${a.assessmentId}/evidence`, a.vendorToken, LIMIT - 128 * 1024);
    expect(sent.answer.statuses[0]).toBe(201);
    expect(parseAnswer(sent.answer.bytes, true).contentType).toMatch(/^application\/json/);
  });
});

/** A chunked multipart upload of `chunks` 64 KiB chunks, one every `everyMs`: slow, but never idle for long. */
function pacedUpload(port: number, path: string, token: string, chunks: number, everyMs: number): Promise<RawAnswer> {
  const boundary = 'assay-paced';
  const frame = (bytes: Buffer) => Buffer.concat([Buffer.from(`${bytes.length.toString(16)}${CRLF}`), bytes, Buffer.from(CRLF)]);
  return exchange(
    port,
    (socket) => {
      socket.write(`POST ${path} HTTP/1.1${CRLF}Host: assay.test${CRLF}Authorization: Bearer ${token}${CRLF}Content-Type: multipart/form-data; boundary=${boundary}${CRLF}Transfer-Encoding: chunked${CRLF}Connection: close${CRLF}${CRLF}`);
      socket.write(frame(Buffer.from(`--${boundary}${CRLF}Content-Disposition: form-data; name="file"; filename="paced.pdf"${CRLF}Content-Type: application/pdf${CRLF}${CRLF}%PDF-1.4${CRLF}`)));
      let sent = 0;
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer);
        if (sent++ < chunks) return void socket.write(frame(Buffer.alloc(64 * 1024, 0x41)));
        clearInterval(timer);
        socket.write(frame(Buffer.from(`${CRLF}--${boundary}--${CRLF}`)).toString('latin1') + `0${CRLF}${CRLF}`);
      }, everyMs);
    },
    30_000,
  );
}

describe('a request body that stops arriving', () => {
  const BODY_IDLE_MS = 1000;
  let t: TestApp;
  let a: SentAssessment;
  const port = () => portOf(t.app);

  beforeAll(async () => {
    t = await startTestApp({ env: { HTTP_REQUEST_TIMEOUT_MS: '60000', HTTP_BODY_IDLE_TIMEOUT_MS: String(BODY_IDLE_MS) } });
    a = await sentAssessment(t, (await buyers(t)).procurement);
  });
  afterAll(() => t.stop());

  it('is cut off with 408 problem+json after the body idle timeout, long before the request timeout', async () => {
    const head = `POST /api/v1/auth/login HTTP/1.1${CRLF}Host: assay.test${CRLF}Content-Type: application/json${CRLF}Content-Length: 500${CRLF}${CRLF}`;
    const answer = await timed(() => exchange(port(), (socket) => socket.write(`${head}{"email": "stalled`), 15_000));
    expect({ closed: answer.closed, status: answer.statuses[0], contentType: answer.contentType }).toEqual({ closed: true, status: 408, contentType: 'application/problem+json; charset=utf-8' });
    expect(answer.ms).toBeGreaterThanOrEqual(BODY_IDLE_MS - 100);
    expect(answer.ms).toBeLessThan(BODY_IDLE_MS + 2000);
  });

  it('lets a body that keeps arriving, a byte at a time, run past the body idle timeout', async () => {
    const body = JSON.stringify({ email: 'nobody@bank.example', password: 'not-the-password' });
    const head = `POST /api/v1/auth/login HTTP/1.1${CRLF}Host: assay.test${CRLF}Content-Type: application/json${CRLF}Content-Length: ${body.length}${CRLF}Connection: close${CRLF}${CRLF}`;
    const answer = await timed(() => exchange(port(), (socket) => {
      socket.write(head);
      trickle(socket, body, 40);
    }, 15_000));
    expect(answer.ms).toBeGreaterThan(BODY_IDLE_MS);
    expect(answer.statuses[0]).toBe(401);
  });

  it('takes a large upload that streams steadily for longer than the body idle timeout', async () => {
    const answer = await timed(() => pacedUpload(port(), `/api/v1/assessments/${a.assessmentId}/evidence`, a.vendorToken, 16, 250));
    expect(answer.ms).toBeGreaterThan(3 * BODY_IDLE_MS);
    expect(answer.statuses[0]).toBe(201);
  });
});

