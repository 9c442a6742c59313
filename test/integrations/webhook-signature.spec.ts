import { newWebhookSecret, signWebhook, verifyWebhook } from '../../src/integrations/webhook-signature';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const previous = newWebhookSecret();
  const body = Buffer.from('{"shipments":[]}');
  const now = 1_800_000_000;
  const headers = (signature: string, timestamp = String(now)) => ({ id: 'msg_1', timestamp, signature });

  it('matches an independent HMAC of "id.timestamp.body" with the decoded key', () => {
    const { createHmac } = jest.requireActual<typeof import('crypto')>('crypto');
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(`msg_1.${now}.${body.toString()}`)
      .digest('base64');
    expect(signWebhook(secret, 'msg_1', now, body)).toBe(`v1,${expected}`);
  });

  it('accepts any active secret and any of several signatures', () => {
    expect(verifyWebhook([secret, previous], headers(signWebhook(previous, 'msg_1', now, body)), body, now)).toBe('ok');
    expect(verifyWebhook([secret], headers(`v1,AAAA ${signWebhook(secret, 'msg_1', now, body)}`), body, now)).toBe('ok');
  });

  it('refuses a changed body, another id, a stale or malformed timestamp and missing headers', () => {
    const signature = signWebhook(secret, 'msg_1', now, body);
    expect(verifyWebhook([secret], headers(signature), Buffer.from('{"shipments":[1]}'), now)).toBe('bad_signature');
    expect(verifyWebhook([secret], { ...headers(signature), id: 'msg_2' }, body, now)).toBe('bad_signature');
    expect(verifyWebhook([secret], headers(signature), body, now + 301)).toBe('stale_timestamp');
    expect(verifyWebhook([secret], headers(signature), body, now + 300)).toBe('ok');
    expect(verifyWebhook([secret], headers(signature, '1.8e9'), body, now)).toBe('bad_timestamp');
    expect(verifyWebhook([secret], { id: 'msg_1', timestamp: String(now) }, body, now)).toBe('missing_headers');
    expect(verifyWebhook([previous], headers(signature), body, now)).toBe('bad_signature');
  });
});
