import { lookup as dnsLookup, LookupAddress } from 'dns';
import * as http from 'http';
import * as https from 'https';
import { BlockList, isIP } from 'net';

/** Loopback, private, link-local, CGNAT, multicast and reserved ranges: never webhook targets. */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  return family === 0 ? true : BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class BlockedTargetError extends Error {}

export interface PostResult {
  statusCode: number;
  durationMs: number;
}

/**
 * POSTs with a DNS lookup that refuses private targets. The check runs inside the connection's own
 * lookup, so the address checked is the address connected to (no rebinding between check and use).
 */
export function safePost(url: string, headers: Record<string, string>, body: string, options: { timeoutMs: number; allowPrivate: boolean }): Promise<PostResult> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
  if (!client) return Promise.reject(new BlockedTargetError(`unsupported scheme ${target.protocol}`));
  // Node connects to a literal IP without calling `lookup`, so literals are checked here.
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && isBlockedAddress(literal) && !options.allowPrivate) {
    return Promise.reject(new BlockedTargetError(`${literal} is a private or loopback address`));
  }
  const lookup = (hostname: string, lookupOptions: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '');
      const blocked = addresses.find((entry) => isBlockedAddress(entry.address));
      if (blocked && !options.allowPrivate) return callback(new BlockedTargetError(`${hostname} resolves to a private or loopback address (${blocked.address})`), '');
      const wantsAll = (lookupOptions as { all?: boolean }).all;
      return wantsAll ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'rural-dispatch-webhooks/1' },
        lookup: lookup as never,
        timeout: options.timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, durationMs: Date.now() - started }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no response within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
