import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { addressClass } from '../domain/network-address.js';

/** Why a webhook URL may not be called; the message names the address and its range. */
export class RefusedTarget extends Error {}

/**
 * The URL's form: https only (plain http too when private addresses are allowed, for a lab or a
 * test receiver), no user name or password in it. Returns the parsed URL or throws RefusedTarget.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedTarget('is not a URL');
  }
  const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) throw new RefusedTarget(allowPrivate ? 'must be an http or https URL' : 'must be an https URL');
  if (url.username || url.password) throw new RefusedTarget('must not carry a user name or password');
  return url;
}

/** Every address must be public: a name with one public and one private address is refused. */
function refuseUnlessPublic(addresses: LookupAddress[], host: string, allowPrivate: boolean): LookupAddress[] {
  if (addresses.length === 0) throw new RefusedTarget(`names ${host}, which has no address`);
  if (allowPrivate) return addresses;
  for (const { address } of addresses) {
    const kind = addressClass(address).replace('_', '-');
    if (kind !== 'public') throw new RefusedTarget(host === address ? `points to ${address}, a ${kind} address` : `names ${host}, which resolves to ${address}, a ${kind} address`);
  }
  return addresses;
}

/**
 * Resolves the host now and checks every address it gives; the caller connects only to these,
 * so a DNS answer that changes between the check and the connection changes nothing.
 */
export async function resolveWebhookHost(url: URL, allowPrivate: boolean): Promise<LookupAddress[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  if (literal) return refuseUnlessPublic([{ address: host, family: literal }], host, allowPrivate);
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch (error) {
    throw new RefusedTarget(`names ${host}, which cannot be resolved (${(error as NodeJS.ErrnoException).code ?? 'no answer'})`);
  }
  return refuseUnlessPublic(addresses, host, allowPrivate);
}
