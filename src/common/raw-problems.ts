import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { problem, sendProblem, type Problem } from './problem.filter.js';

/**
 * The answers Node's HTTP parser and Fastify's router give before a request reaches Nest, as
 * problem+json like every other error. Node writes these straight to the socket, so they are
 * written here as whole raw responses.
 */
export const BASE_SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

interface ConnectionError extends Error {
  code?: string;
}

/** What a parser or timeout error means for the client. */
function clientErrorProblem(error: ConnectionError): Problem {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(408, 'request_timeout', 'The request did not arrive in time');
    case 'HPE_HEADER_OVERFLOW':
      return problem(431, 'headers_too_large', 'The request line and headers are larger than the server accepts');
    default:
      return problem(400, 'malformed_request', 'The request is not well-formed HTTP');
  }
}

function rawResponse(body: Problem): string {
  const json = JSON.stringify(body);
  const headers: Record<string, string> = {
    ...BASE_SECURITY_HEADERS,
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': String(Buffer.byteLength(json)),
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status]}\r\n${lines.join('\r\n')}\r\n\r\n${json}`;
}

/** Fastify's `clientErrorHandler`: the socket is closed after the answer, as Node's own handler does. */
export function answerClientError(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // A response already begun on this socket cannot be followed by another one.
  const inFlight = (socket as Socket & { _httpMessage?: { _headerSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?._headerSent) socket.write(rawResponse(clientErrorProblem(error)));
  // Ends the answer, then closes both ways: a slow client may not keep sending into it.
  socket.destroySoon();
}

/** A request body that stopped arriving: answered as Node answers a request timeout, then closed. */
export function answerStalledBody(socket: Socket): void {
  answerClientError(Object.assign(new Error('The request body stopped arriving'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket);
}

/** Fastify's `frameworkErrors`: a URL it cannot decode, a path parameter longer than it routes. */
export function answerFrameworkError(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const detail = error.code === 'FST_ERR_BAD_URL' ? 'The URL is not valid' : 'The request could not be routed';
  // Answered before any route, so the edge's onSend hook does not run for it.
  void reply.headers(BASE_SECURITY_HEADERS);
  sendProblem(reply, request, problem(400, 'malformed_url', detail));
}

/** Node answers an unknown `Expect` with a bare 417 unless someone listens for it. */
export function answerExpectations(server: Server): void {
  server.on('checkExpectation', (_request: IncomingMessage, response: ServerResponse) => {
    const body = JSON.stringify({ ...problem(417, 'expectation_failed', 'Only "Expect: 100-continue" is supported') });
    response.writeHead(417, { ...BASE_SECURITY_HEADERS, 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
    response.end(body);
  });
}
