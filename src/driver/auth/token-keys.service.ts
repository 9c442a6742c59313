import { createHmac, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const KEY_ID = 1;

/** The drivers' token secret, loaded once per process (created on first use), and keyed hashes derived from it. */
@Injectable()
export class TokenKeysService {
  private secret?: Promise<Buffer>;
  private key?: Promise<KeyObject>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  signingSecret(): Promise<Buffer> {
    this.secret ??= this.load().catch((error: unknown) => {
      this.secret = undefined;
      throw error;
    });
    return this.secret;
  }

  /**
   * The secret as a key object, made once: given raw bytes, the JWT library would first try to read them
   * as a public key on every verification (an exception per request).
   */
  signingKey(): Promise<KeyObject> {
    this.key ??= this.signingSecret().then((secret) => createSecretKey(secret));
    return this.key;
  }

  /** HMAC-SHA256 of `value` under the secret, for one `purpose` (so values of one purpose never match another's). */
  async keyedHash(purpose: string, value: string): Promise<Buffer> {
    return createHmac('sha256', await this.signingSecret())
      .update(`${purpose}\u0000${value}`)
      .digest();
  }

  private async load(): Promise<Buffer> {
    // Two processes starting together: one insert wins, both read the winner.
    await this.dataSource.query('INSERT INTO driver_token_key (id, secret) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [KEY_ID, randomBytes(32)]);
    const rows: Array<{ secret: Buffer }> = await this.dataSource.query('SELECT secret FROM driver_token_key WHERE id = $1', [KEY_ID]);
    return rows[0]!.secret;
  }
}
