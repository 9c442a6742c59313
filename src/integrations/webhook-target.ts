import { lookup } from 'dns/promises';
import * as ipaddr from 'ipaddr.js';
import { validationFailed } from '../infra/errors/domain-error';

/**
 * The one rule for where a webhook may be sent: a public unicast address, decided by ipaddr.js's
 * range table (kept up to date with IANA's special-purpose registries) rather than a list of our own.
 * Everything it names other than `unicast` is refused: loopback, private, link-local, CGNAT, the
 * documentation and benchmarking ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 198.18.0.0/15,
 * 2001:db8::/32), 6to4 (2002::/16), Teredo, NAT64 (64:ff9b::/96), discard (100::/64), multicast.
 * Two ways to spell an IPv4 address in IPv6 are unwrapped or refused first: IPv4-mapped
 * (::ffff:a.b.c.d) is judged as the IPv4 address it carries, and the deprecated IPv4-compatible form
 * (::a.b.c.d, e.g. ::7f00:1 for 127.0.0.1), which ipaddr.js calls unicast, is refused outright.
 */
export function isPublicUnicast(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const ipv6 = parsed as ipaddr.IPv6;
    if (ipv6.isIPv4MappedAddress()) parsed = ipv6.toIPv4Address();
    else if (ipv6.parts.slice(0, 6).every((part) => part === 0)) return false;
  }
  return parsed.range() === 'unicast';
}

export class BlockedTargetError extends Error {}

/** The message a refused target gets, in the delivery log too: it says why, never what a name resolved to. */
export const BLOCKED_TARGET_MESSAGE = 'the target is not a public unicast address';

/**
 * At subscription time: the URL's host, a literal or every address its name resolves to now, must be
 * public. Delivery checks again at connect time (safe-http.ts), since a name may resolve elsewhere later.
 */
export async function assertPublicWebhookTarget(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      throw validationFailed(`url: ${host} does not resolve`, [{ field: 'url', message: 'the host name does not resolve' }]);
    }
  }
  if (addresses.length === 0 || !addresses.every(isPublicUnicast)) {
    throw validationFailed(`url: ${BLOCKED_TARGET_MESSAGE}`, [{ field: 'url', message: `${BLOCKED_TARGET_MESSAGE} (loopback, private, reserved and special ranges are refused)` }]);
  }
}
