import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/** Standard Webhooks style: `whsec_` + base64 of 32 random bytes; the HMAC key is the decoded bytes. */
export function newWebhookSecret(): string {
  return 'whsec_' + randomBytes(32).toString('base64');
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "${id}.${timestamp}.${body}">`. */
export function signWebhook(secret: string, webhookId: string, timestampS: number | string, body: Buffer | string): string {
  const hmac = createHmac('sha256', keyOf(secret));
  hmac.update(`${webhookId}.${timestampS}.`);
  hmac.update(body);
  return `v1,${hmac.digest('base64')}`;
}

/** Headers for an outbound request, also what an integrator sends us. */
export function signedHeaders(secret: string, webhookId: string, body: string, nowS = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': webhookId,
    'webhook-timestamp': String(nowS),
    'webhook-signature': signWebhook(secret, webhookId, nowS, body),
  };
}

export const SIGNATURE_TOLERANCE_S = 300;

/**
 * How long an inbound webhook-id is remembered at least: the timestamp may be up to the tolerance ahead
 * of or behind our clock, so a signed request stays acceptable for twice the tolerance from its first
 * arrival (and a minute for clocks). The worker forgets older ids once a minute (DeliverySchedulerService).
 */
export const REMEMBER_WEBHOOK_ID_S = 2 * SIGNATURE_TOLERANCE_S + 60;

export type SignatureCheck = 'ok' | 'missing_headers' | 'bad_timestamp' | 'stale_timestamp' | 'bad_signature';

export interface WebhookHeaders {
  id?: string;
  timestamp?: string;
  signature?: string;
}

/** What can be checked before the body is read: the three headers are there and the timestamp is fresh. */
export function checkWebhookHeaders(headers: WebhookHeaders, nowS = Math.floor(Date.now() / 1000)): Exclude<SignatureCheck, 'bad_signature'> {
  if (!headers.id || !headers.timestamp || !headers.signature) return 'missing_headers';
  if (!/^\d{1,12}$/.test(headers.timestamp)) return 'bad_timestamp';
  if (Math.abs(nowS - Number(headers.timestamp)) > SIGNATURE_TOLERANCE_S) return 'stale_timestamp';
  return 'ok';
}

/**
 * True when any `v1,` signature in the header matches any active secret. Comparison is
 * constant-time over equal-length digests, so timing does not leak how much of a guess was right.
 */
export function signatureMatches(secrets: string[], headers: WebhookHeaders, rawBody: Buffer): boolean {
  const offered = (headers.signature ?? '')
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'base64'));
  for (const secret of secrets) {
    const expected = Buffer.from(signWebhook(secret, headers.id ?? '', headers.timestamp ?? '', rawBody).slice(3), 'base64');
    for (const candidate of offered) {
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return true;
    }
  }
  return false;
}

/** Both checks at once, for a receiver that already holds the body (tests, integrators' examples). */
export function verifyWebhook(secrets: string[], headers: WebhookHeaders, rawBody: Buffer, nowS = Math.floor(Date.now() / 1000)): SignatureCheck {
  const check = checkWebhookHeaders(headers, nowS);
  if (check !== 'ok') return check;
  return signatureMatches(secrets, headers, rawBody) ? 'ok' : 'bad_signature';
}
