import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';
import { APP_CONFIG, AppConfig, ConfigError } from '../config/app-config';

/** `sealed:v1:<key id>:<base64 of iv · tag · ciphertext>`; the key id is the first 8 hex digits of the key's SHA-256. */
const SEALED = /^sealed:v1:([0-9a-f]{8}):([A-Za-z0-9+/]+={0,2})$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/**
 * Secrets the service must be able to read back (an HMAC needs the key itself, so a hash will not
 * do) are stored sealed: AES-256-GCM under WEBHOOK_SECRET_KEY, so a database dump or backup alone
 * does not give them away. The first configured key seals; every configured key opens, which is how
 * a key is rotated (docs/security.md). A value stored before sealing existed opens as itself until
 * `rural-dispatch secrets reseal` seals it.
 */
@Injectable()
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKeyId: string | null;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'secretKeys'>) {
    this.keys = new Map(config.secretKeys.map((key) => [keyId(key), key]));
    this.currentKeyId = config.secretKeys[0] ? keyId(config.secretKeys[0]) : null;
  }

  seal(plaintext: string): string {
    const id = this.requireCurrentKey();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(id)!, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `sealed:v1:${id}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
  }

  open(stored: string): string {
    const match = SEALED.exec(stored);
    if (!match) {
      if (stored.startsWith('sealed:')) throw new Error('a sealed secret is malformed');
      return stored;
    }
    const key = this.keys.get(match[1]!);
    if (!key) throw new ConfigError(`a secret is sealed with key ${match[1]}, which is not among WEBHOOK_SECRET_KEY and WEBHOOK_SECRET_PREVIOUS_KEYS`);
    const packed = Buffer.from(match[2]!, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, packed.subarray(0, IV_BYTES));
    decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** True when `stored` is sealed with the current key (nothing for `reseal` to do). */
  isCurrent(stored: string): boolean {
    return SEALED.exec(stored)?.[1] === this.requireCurrentKey();
  }

  private requireCurrentKey(): string {
    if (this.currentKeyId === null) throw new ConfigError('WEBHOOK_SECRET_KEY is not set: webhook secrets cannot be sealed or opened (docs/security.md)');
    return this.currentKeyId;
  }
}
