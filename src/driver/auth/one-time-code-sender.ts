import { Logger } from '@nestjs/common';

export interface OneTimeCodeMessage {
  countyId: string;
  driverId: string;
  /** E.164 */
  phone: string;
  code: string;
  expiresAt: Date;
  /** The text an SMS would carry, Simplified Chinese. */
  text: string;
}

/** How a one-time sign-in code reaches a driver's phone. The shipped ones log it, or POST it to an SMS gateway's adapter. */
export interface OneTimeCodeSender {
  send(message: OneTimeCodeMessage): Promise<void>;
}

export const ONE_TIME_CODE_SENDER = Symbol('ONE_TIME_CODE_SENDER');

/** Writes the code to the log (for a county without an SMS gateway: the operator reads it out). The phone is not logged. */
export class LoggingCodeSender implements OneTimeCodeSender {
  private readonly logger = new Logger(LoggingCodeSender.name);

  async send(message: OneTimeCodeMessage): Promise<void> {
    this.logger.warn(
      { countyId: message.countyId, driverId: message.driverId, code: message.code, expiresAt: message.expiresAt.toISOString() },
      'driver sign-in code (no SMS gateway configured)',
    );
  }
}

/** POSTs `{ to, code, text, expiresAt }` as JSON to the configured URL: the adapter of an SMS gateway. */
export class HttpCodeSender implements OneTimeCodeSender {
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: OneTimeCodeMessage): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: message.phone, code: message.code, text: message.text, expiresAt: message.expiresAt.toISOString() }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`the code sender answered HTTP ${response.status}`);
  }
}
