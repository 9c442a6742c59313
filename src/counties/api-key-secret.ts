import { createHash, randomBytes } from 'crypto';

/** Keys are random 32-byte secrets; a plain SHA-256 is enough to store them (no dictionary to attack). */
export function newApiKeySecret(): string {
  return 'rdk_' + randomBytes(32).toString('base64url');
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
