import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export const portOf = (app: NestFastifyApplication) => (app.getHttpServer().address() as AddressInfo).port;

/**
 * One JSON request from a chosen loopback address (127.0.0.0/8 all reach the server), so that a
 * test can be several clients at once, as the server sees them.
 */
export function requestFrom(
  app: NestFastifyApplication,
  from: string,
  method: string,
  path: string,
  options: { body?: object; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const payload = options.body ? JSON.stringify(options.body) : undefined;
  const headers = { ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: portOf(app), localAddress: from, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const isJson = /json/.test(res.headers['content-type'] ?? '');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: isJson && text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
