import { isPublicUnicast } from '../../src/integrations/webhook-target';
import { describeDeliveryError } from '../../src/integrations/safe-http';

describe('webhook targets (issue 12, item 6)', () => {
  it.each([
    // The gaps: IPv4 in IPv6 clothing, 6to4, NAT64, discard, documentation and benchmarking ranges.
    '::7f00:1',
    '::ffff:0:7f00:1',
    '2002:7f00:1::',
    '64:ff9b::7f00:1',
    '100::1',
    '192.0.2.1',
    '198.51.100.1',
    '203.0.113.1',
    '198.18.0.1',
    '198.19.255.254',
    // And the usual ones.
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'ff02::1',
    '2001:db8::1',
    '2001::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPublicUnicast(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '2400:3200::1'])('allows the public unicast address %s', (address) => {
    expect(isPublicUnicast(address)).toBe(true);
  });

  it('describes a failed delivery by its kind, never by the address it reached', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.3.7:443'), { code: 'ECONNREFUSED' });
    expect(describeDeliveryError(refused)).toBe('connection refused');
    const tls = Object.assign(new Error('self-signed certificate for internal.example 10.0.3.7'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(describeDeliveryError(tls)).toBe('TLS handshake failed (DEPTH_ZERO_SELF_SIGNED_CERT)');
    expect(describeDeliveryError(new Error('getaddrinfo ENOTFOUND hooks.internal'))).toBe('request failed');
  });
});
