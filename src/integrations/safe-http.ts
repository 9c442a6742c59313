import { lookup as dnsLookup, LookupAddress } from 'dns';
import * as http from 'http';
import * as https from 'https';
import { isIP } from 'net';
import { BLOCKED_TARGET_MESSAGE, BlockedTargetError, isPublicUnicast } from './webhook-target';

export interface PostResult {
  statusCode: number;
  durationMs: number;
}

export class DeliveryTimeoutError extends Error {}

/**
 * POSTs with a DNS lookup that refuses non-public targets. The check runs inside the connection's
 * own lookup, so the address checked is the address connected to (no rebinding between check and use).
 */
export function safePost(url: string, headers: Record<string, string>, body: string, options: { timeoutMs: number; allowPrivate: boolean }): Promise<PostResult> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
  if (!client) return Promise.reject(new BlockedTargetError(`unsupported scheme ${target.protocol}`));
  // Node connects to a literal IP without calling `lookup`, so literals are checked here.
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !options.allowPrivate && !isPublicUnicast(literal)) return Promise.reject(new BlockedTargetError(BLOCKED_TARGET_MESSAGE));
  const lookup = (hostname: string, lookupOptions: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '');
      // Every address must pass, not only the first: the connection may fall through to any of them.
      if (!options.allowPrivate && !addresses.every((entry) => isPublicUnicast(entry.address))) return callback(new BlockedTargetError(BLOCKED_TARGET_MESSAGE), '');
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
    request.on('timeout', () => request.destroy(new DeliveryTimeoutError(`no response within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  EPIPE: 'connection closed while sending',
};

/**
 * What a failed attempt records as its error, shown to the county's operators and platforms: the
 * kind of failure, never an address or a resolved name (Node's own messages quote them, e.g.
 * `connect ECONNREFUSED 10.0.3.7:443`, which would map the internal network for whoever reads it).
 */
export function describeDeliveryError(error: unknown): string {
  if (error instanceof BlockedTargetError || error instanceof DeliveryTimeoutError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (ERRNO_TEXT[code]) return ERRNO_TEXT[code];
    if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `TLS handshake failed (${code})`;
    return `request failed (${code})`;
  }
  return 'request failed';
}
