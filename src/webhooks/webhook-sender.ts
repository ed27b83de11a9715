import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkWebhookUrl, RefusedTarget, resolveWebhookHost } from './webhook-target.js';

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
}

/** What one attempt came to: a 2xx is delivered; anything else (3xx included: redirects are not followed) is a failure. */
export interface SendOutcome {
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/** Connects only to the addresses checked before the request: the host is not looked up again. */
function pinnedLookup(addresses: LookupAddress[]): LookupFunction {
  return (_host, options, callback) => {
    const all = (options as { all?: boolean }).all;
    if (all) (callback as unknown as (err: null, list: LookupAddress[]) => void)(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
}

/** One POST, checked against SSRF at this moment, bounded by the timeout, never redirected. */
export async function sendWebhook(send: SendRequest): Promise<SendOutcome> {
  let addresses: LookupAddress[];
  let url: URL;
  try {
    url = checkWebhookUrl(send.url, send.allowPrivate);
    addresses = await resolveWebhookHost(url, send.allowPrivate);
  } catch (error) {
    if (error instanceof RefusedTarget) return { delivered: false, statusCode: null, error: `refused: the URL ${error.message}` };
    throw error;
  }
  return post(url, addresses, send);
}

function post(url: URL, addresses: LookupAddress[], send: SendRequest): Promise<SendOutcome> {
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...send.headers, 'content-length': String(Buffer.byteLength(send.body)) },
    lookup: pinnedLookup(addresses),
    signal: AbortSignal.timeout(send.timeoutMs),
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(url, options, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) res.destroy();
      });
      const done = () => {
        const status = res.statusCode ?? 0;
        const delivered = status >= 200 && status < 300;
        const error = delivered ? null : status >= 300 && status < 400 ? `answered ${status}: redirects are not followed` : `answered ${status}`;
        resolve({ delivered, statusCode: status, error });
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${send.timeoutMs} ms` : (error.code ?? error.message);
      resolve({ delivered: false, statusCode: null, error: reason });
    });
    req.end(send.body);
  });
}
