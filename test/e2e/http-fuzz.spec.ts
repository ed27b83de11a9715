import { portOf } from '../support/raw-http.js';
import { sendAll, type RawAnswer } from '../support/raw-socket.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A small deterministic generator, so a failing case is the same case on the next run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const CRLF = '\r\n';
const request = (line: string, headers: string[] = ['Host: assay.test'], body = '') => `${line}${CRLF}${headers.join(CRLF)}${headers.length ? CRLF : ''}${CRLF}${body}`;
const json = (path: string, body: string, extra: string[] = []) => request(`POST ${path} HTTP/1.1`, ['Host: assay.test', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, ...extra], body);

/** Hand-written malformed requests: every part of a request got wrong in the ways parsers meet. */
function handWritten(): Array<[string, string | Buffer]> {
  const cases: Array<[string, string | Buffer]> = [
    ['request line only', `GET${CRLF}${CRLF}`],
    ['HTTP/0.9 request', `GET /${CRLF}${CRLF}`],
    ['unknown HTTP version', request('GET /health/live HTTP/9.9')],
    ['extra word in the request line', request('GET /health/live HTTP/1.1 please')],
    ['missing method', request(' /health/live HTTP/1.1')],
    ['unknown method', request('BREW /api/v1/me HTTP/1.1')],
    ['lower-case method', request('get /api/v1/me HTTP/1.1')],
    ['WebDAV method', request('PROPFIND /api/v1/me HTTP/1.1')],
    ['TRACE', request('TRACE /api/v1/me HTTP/1.1')],
    ['CONNECT', request('CONNECT assay.test:443 HTTP/1.1')],
    ['OPTIONS *', request('OPTIONS * HTTP/1.1')],
    ['absolute-form URL', request('GET http://assay.test/api/v1/me HTTP/1.1')],
    ['a 10,000-character method', request(`${'G'.repeat(10_000)} / HTTP/1.1`)],
    ['a URL just over 8 KiB', request(`GET /api/v1/vendors?q=${'a'.repeat(8200)} HTTP/1.1`)],
    ['a URL over 16 KiB', request(`GET /api/v1/${'a'.repeat(17_000)} HTTP/1.1`)],
    ['a 20 KiB header', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', `X-Filler: ${'b'.repeat(20_000)}`])],
    ['three hundred headers', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', ...Array.from({ length: 300 }, (_, i) => `X-H${i}: ${'v'.repeat(60)}`)])],
    ['a header without a colon', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', 'NoColonHere'])],
    ['a space before the colon', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', 'Authorization : Bearer x'])],
    ['a folded header', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', 'X-Folded: one', ' two'])],
    ['NUL in the URL', request('GET /api/v1/\0me HTTP/1.1')],
    ['NUL in a header value', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', 'X-Nul: a\0b'])],
    ['NUL in a header name', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', 'X-N\0ul: ab'])],
    ['bare LF line ends', 'GET /api/v1/me HTTP/1.1\nHost: assay.test\n\n'],
    ['no Host on HTTP/1.1', request('GET /api/v1/me HTTP/1.1', [])],
    ['two Host headers', request('GET /api/v1/me HTTP/1.1', ['Host: a.test', 'Host: b.test'])],
    ['unknown Expect', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', 'Expect: 200-ok'])],
    ['a non-numeric Content-Length', json('/api/v1/auth/login', '{}', ['Content-Length: abc']).replace('Content-Length: 2\r\n', '')],
    ['a negative Content-Length', request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json', 'Content-Length: -1'], '{}')],
    ['two different Content-Lengths', request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json', 'Content-Length: 2', 'Content-Length: 3'], '{}')],
    ['Content-Length with Transfer-Encoding', request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json', 'Content-Length: 4', 'Transfer-Encoding: chunked'], `2${CRLF}{}${CRLF}0${CRLF}${CRLF}`)],
    ['an unknown Transfer-Encoding', request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json', 'Transfer-Encoding: gzip'], '{}')],
    ['a bad chunk size', request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json', 'Transfer-Encoding: chunked'], `zz${CRLF}{}${CRLF}0${CRLF}${CRLF}`)],
    ['a chunk longer than it says', request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json', 'Transfer-Encoding: chunked'], `1${CRLF}{}}${CRLF}0${CRLF}${CRLF}`)],
    ['a body shorter than its Content-Length', request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json', 'Content-Length: 100'], '{"email":')],
    ['invalid JSON', json('/api/v1/auth/login', '{"email": "a@b.example",')],
    ['JSON that is a string', json('/api/v1/auth/login', '"just a string"')],
    ['JSON nested 10,000 deep', json('/api/v1/auth/login', `${'['.repeat(10_000)}${']'.repeat(10_000)}`)],
    ['JSON with __proto__', json('/api/v1/auth/login', '{"__proto__": {"admin": true}, "email": "a@b.example", "password": "xxxxxxxxxxxx"}')],
    ['JSON with a huge number', json('/api/v1/auth/login', `{"email": 1e999999, "password": ${'9'.repeat(5000)}}`)],
    ['JSON in UTF-16', request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json; charset=utf-16', 'Content-Length: 4'], '\xff\xfe{\0')],
    ['invalid UTF-8 in JSON', Buffer.concat([Buffer.from(request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json', 'Content-Length: 14'])), Buffer.from('{"email":"\xc3\x28"}', 'latin1')])],
    ['a form body', request('POST /api/v1/auth/login HTTP/1.1', ['Host: assay.test', 'Content-Type: application/x-www-form-urlencoded', 'Content-Length: 7'], 'email=a')],
    ['a JSON body over 2 MiB', json('/api/v1/auth/login', `{"email": "${'x'.repeat(2_200_000)}"}`)],
    ['a body on GET', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', 'Content-Type: application/json', 'Content-Length: 2'], '{}')],
    ['multipart without a boundary', request('POST /api/v1/assessments/00000000-0000-4000-8000-000000000000/evidence HTTP/1.1', ['Host: assay.test', 'Content-Type: multipart/form-data', 'Content-Length: 5'], 'hello')],
    ['a bad percent escape', request('GET /api/v1/vendors/%zz HTTP/1.1')],
    ['a truncated percent escape', request('GET /api/v1/vendors/%E0%A4%A HTTP/1.1')],
    ['a path parameter of 500 characters', request(`GET /api/v1/vendors/${'x'.repeat(500)} HTTP/1.1`)],
    ['dot segments', request('GET /api/v1/../../etc/passwd HTTP/1.1')],
    ['raw UTF-8 in the path', request('GET /api/v1/vendors/ünïcödé HTTP/1.1')],
    ['a query of 2,000 parameters', request(`GET /api/v1/vendors?${Array.from({ length: 2000 }, (_, i) => `p${i}=1`).join('&')} HTTP/1.1`)],
    ['a TLS ClientHello', Buffer.from('160301020001000200030300', 'hex')],
    ['an HTTP/2 preface', `PRI * HTTP/2.0${CRLF}${CRLF}SM${CRLF}${CRLF}`],
    ['only blank lines', `${CRLF}${CRLF}${CRLF}x${CRLF}`],
  ];
  return cases;
}

const TEMPLATES = [
  request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', 'Authorization: Bearer assay_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Accept: application/json']),
  json('/api/v1/auth/login', '{"email":"someone@bank.example","password":"not-the-password"}'),
  request('GET /api/v1/vendors?limit=5&cursor=abc HTTP/1.1', ['Host: assay.test', 'Accept-Encoding: gzip, br']),
];
const NASTY = ['\0', '\r', '\n', ' ', ':', '%', '\x7f', '\xff', '"', '{', '\t', '\r\n\r\n'];

/** Random damage to well-formed requests: bytes replaced, inserted and cut, at random places. */
function mutated(count: number): Array<[string, Buffer]> {
  const next = random(20_261_201);
  return Array.from({ length: count }, (_, i) => {
    let text = TEMPLATES[i % TEMPLATES.length];
    for (let edit = 0; edit < 1 + Math.floor(next() * 4); edit++) {
      const at = Math.floor(next() * text.length);
      const junk = next() < 0.6 ? NASTY[Math.floor(next() * NASTY.length)] : String.fromCharCode(Math.floor(next() * 256));
      const kind = next();
      text = kind < 0.4 ? text.slice(0, at) + junk + text.slice(at + 1) : kind < 0.8 ? text.slice(0, at) + junk + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 8));
    }
    return [`mutation ${i}`, Buffer.from(text, 'latin1')];
  });
}

describe('malformed requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(() => t.stop());

  it('answers every malformed request with problem+json and never with a 5xx', async () => {
    const cases = [...handWritten(), ...mutated(300)];
    const answers: Array<[string, RawAnswer]> = [];
    for (let i = 0; i < cases.length; i += 10) {
      const batch = cases.slice(i, i + 10);
      answers.push(...(await Promise.all(batch.map(async ([name, bytes]) => [name, await sendAll(portOf(t.app), bytes)] as [string, RawAnswer]))));
    }
    const wrong = answers
      .filter(([, answer]) => {
        const final = answer.statuses.filter((status) => status >= 200);
        // Closing without a word is allowed only for a connection that carried no bytes at all: even
        // bytes that are not HTTP (a TLS hello, an HTTP/2 preface) reach Node's parser, which reports
        // them before the close, so each gets its 400 problem+json on the way out.
        if (final.length === 0) return answer.bytes.length > 0 || !answer.closed;
        return final.some((status) => status >= 500) || (final[0] >= 400 && !/^application\/problem\+json/.test(answer.contentType ?? ''));
      })
      .map(([name, answer]) => `${name}: ${answer.bytes.toString('latin1').slice(0, 200)}${answer.closed ? '' : ' (still open)'}`);
    expect(wrong).toEqual([]);
    // Most of them are refusals: the generator does make bad requests.
    expect(answers.filter(([, answer]) => answer.statuses.some((status) => status >= 400)).length).toBeGreaterThan(cases.length / 2);
  }, 120_000);

  it.each([
    ['a URL over 8 KiB', 414, 'uri_too_long', request(`GET /api/v1/vendors?q=${'a'.repeat(8200)} HTTP/1.1`)],
    ['headers over 16 KiB', 431, 'headers_too_large', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', `X-Filler: ${'b'.repeat(20_000)}`])],
    ['a request line Node cannot parse', 400, 'malformed_request', request('GET /api/v1/me HTTP/1.1 please')],
    ['an HTTP/1.1 request without Host', 400, 'missing_host', request('GET /api/v1/me HTTP/1.1', [])],
    ['an Expect the server does not meet', 417, 'expectation_failed', request('GET /api/v1/me HTTP/1.1', ['Host: assay.test', 'Expect: 200-ok'])],
    ['a URL that does not decode', 400, 'malformed_url', request('GET /api/v1/vendors/%zz HTTP/1.1')],
    ['a JSON body nested 10,000 deep', 400, 'body_too_deep', json('/api/v1/auth/login', `${'['.repeat(10_000)}${']'.repeat(10_000)}`)],
  ])('answers %s with %i and code %s', async (_name, status, code, bytes) => {
    const answer = await sendAll(portOf(t.app), bytes);
    const text = answer.bytes.toString('utf8');
    expect({ status: answer.statuses[0], contentType: answer.contentType }).toEqual({ status, contentType: 'application/problem+json; charset=utf-8' });
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ status, code, type: expect.stringMatching(/^https:\/\//) });
    expect(text.toLowerCase()).toContain('x-content-type-options: nosniff');
  });
});
