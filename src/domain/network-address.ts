/**
 * Which addresses an outbound webhook may reach. Anything that is not plainly on the public
 * internet is refused by default: a webhook URL is a request made by Assay from inside the bank's
 * network, so it must not be a way into that network (SSRF).
 */
import { isIP } from 'node:net';

export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link_local'
  | 'unique_local'
  | 'multicast'
  | 'reserved'
  | 'invalid';

type Range4 = [number, number, AddressClass];

/** IPv4 ranges as [network, prefix length, class]; the first that matches wins. */
const IPV4_RANGES: Range4[] = [
  [ip4('0.0.0.0'), 8, 'unspecified'],
  [ip4('10.0.0.0'), 8, 'private'],
  [ip4('100.64.0.0'), 10, 'cgnat'],
  [ip4('127.0.0.0'), 8, 'loopback'],
  [ip4('169.254.0.0'), 16, 'link_local'],
  [ip4('172.16.0.0'), 12, 'private'],
  [ip4('192.0.0.0'), 24, 'reserved'],
  [ip4('192.0.2.0'), 24, 'reserved'],
  [ip4('192.168.0.0'), 16, 'private'],
  [ip4('198.18.0.0'), 15, 'reserved'],
  [ip4('198.51.100.0'), 24, 'reserved'],
  [ip4('203.0.113.0'), 24, 'reserved'],
  [ip4('224.0.0.0'), 4, 'multicast'],
  [ip4('240.0.0.0'), 4, 'reserved'],
];

function ip4(text: string): number {
  return text.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

function classify4(value: number): AddressClass {
  for (const [network, bits, kind] of IPV4_RANGES) {
    const size = 2 ** (32 - bits);
    if (value >= network && value < network + size) return kind;
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail, if any). */
function groups6(text: string): number[] | null {
  let address = text.toLowerCase().split('%')[0];
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (tail) {
    const v4 = ip4(tail[1]);
    address = `${address.slice(0, -tail[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, rest, extra] = address.split('::');
  if (extra !== undefined) return null;
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right];
  return all.map((group) => parseInt(group, 16));
}

function classify6(g: number[]): AddressClass {
  const firstSix = g.slice(0, 6);
  const zeros = (list: number[]) => list.every((x) => x === 0);
  if (zeros(g)) return 'unspecified';
  if (zeros(g.slice(0, 7)) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address they carry.
  const embedded = g[6] * 65536 + g[7];
  if (zeros(g.slice(0, 5)) && g[5] === 0xffff) return classify4(embedded);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(g.slice(2, 6))) return classify4(embedded);
  // IPv4-compatible (::a.b.c.d), deprecated: no public host uses it.
  if (zeros(firstSix)) return 'reserved';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link_local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'unique_local'; // the old site-local range
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique_local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  if (g[0] === 0x0100 && zeros(g.slice(1, 4))) return 'reserved'; // discard-only
  return 'public';
}

/** The class of an IP address literal (v4 or v6, brackets allowed); `invalid` if it is not one. */
export function addressClass(address: string): AddressClass {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(bare.split('%')[0]);
  if (version === 4) return classify4(ip4(bare));
  if (version === 6) {
    const g = groups6(bare);
    return g && g.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff) ? classify6(g) : 'invalid';
  }
  return 'invalid';
}

export function isPublicAddress(address: string): boolean {
  return addressClass(address) === 'public';
}
