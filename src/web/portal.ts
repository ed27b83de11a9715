import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../config/config.js';

/** Paths the portal never answers, even for a browser asking for HTML. */
const SERVER_PATHS = ['/api', '/docs', '/health', '/metrics', '/openapi.json', '/assets'];

/** Scripts, styles and data from this origin only; nothing inline, no frames, no plugins. */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface IndexPage {
  plain: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

function readIndex(dir: string): IndexPage {
  const optional = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : undefined);
  return { plain: readFileSync(join(dir, 'index.html')), gzip: optional('index.html.gz'), br: optional('index.html.br') };
}

export function isPortalRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0];
  if (SERVER_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

function sendIndex(request: FastifyRequest, reply: FastifyReply, page: IndexPage): void {
  const accepted = String(request.headers['accept-encoding'] ?? '');
  const [encoding, body] =
    page.br && /\bbr\b/.test(accepted) ? ['br', page.br] : page.gzip && /\bgzip\b/.test(accepted) ? ['gzip', page.gzip] : [undefined, page.plain];
  if (encoding) void reply.header('content-encoding', encoding);
  void reply
    .header('vary', 'Accept, Accept-Encoding')
    .header('cache-control', 'no-cache')
    .header('content-security-policy', PORTAL_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(body);
}

/**
 * Serves the built portal: hashed assets cached for a year, and index.html for every history
 * route a browser opens (`/invite`, `/assessments/:id`). Without a build the API runs alone.
 */
export async function mountPortal(app: NestFastifyApplication, config: AppConfig): Promise<boolean> {
  const dir = resolve(config.portalDir);
  if (!existsSync(join(dir, 'index.html'))) {
    app.getHttpAdapter().getInstance().log.warn(`No portal build in ${dir} (run \`npm run build\`): serving the API only`);
    return false;
  }
  const page = readIndex(dir);
  await app.register(fastifyStatic, {
    root: join(dir, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    preCompressed: true,
    immutable: true,
    maxAge: '365d',
    index: false,
  });
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request, reply) => {
    if (!isPortalRoute(request)) return;
    sendIndex(request, reply, page);
    return reply;
  });
  return true;
}
