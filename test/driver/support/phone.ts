import request from 'supertest';
import type { DriverDay, TokenPair } from './driver-day';

/** A recorded event as the phone app keeps it until it syncs; `trueMs` is when it happened by the server's clock. */
export interface PhoneEvent {
  body: Record<string, unknown> & { id: string };
  trueMs: number;
}

/**
 * A driver's phone: its clock is `skewMs` off the server's (whole minutes in the tests: see the rule),
 * it stamps events with its own time and sends batches with its own `sentAt`.
 */
export class Phone {
  private serverOffsetMs = 0;

  constructor(
    readonly day: DriverDay,
    readonly tokens: TokenPair,
    readonly skewMs = 0,
  ) {}

  /** Learns the server's clock (the test Clock starts where the test says, not at the machine's time). */
  async syncClock(): Promise<void> {
    const before = Date.now();
    const response = await this.get('/v1/driver/me').expect(200);
    this.serverOffsetMs = Date.parse(response.body.serverTime) - Math.round((before + Date.now()) / 2);
  }

  /** The same server clock as another phone's (a phone whose token may not read /v1/driver/me). */
  adoptClock(other: Phone): void {
    this.serverOffsetMs = other.serverOffsetMs;
  }

  serverNowMs(): number {
    return Date.now() + this.serverOffsetMs;
  }

  /** The phone's reading of a server instant. */
  phoneTime(trueMs: number): string {
    return isoWithOffset(trueMs + this.skewMs);
  }

  event(trueMs: number, body: Record<string, unknown> & { id: string }): PhoneEvent {
    return { trueMs, body: { ...body, recordedAt: this.phoneTime(trueMs) } };
  }

  send(events: PhoneEvent[]): request.Test {
    return this.day
      .http()
      .post('/v1/driver/events')
      .set('Authorization', `Bearer ${this.tokens.accessToken}`)
      .send({ sentAt: this.phoneTime(this.serverNowMs()), events: events.map((event) => event.body) });
  }

  get(path: string): request.Test {
    return this.day.http().get(path).set('Authorization', `Bearer ${this.tokens.accessToken}`);
  }
}

/** ISO 8601 in Beijing time, seconds and milliseconds, as a Chinese phone writes it. */
export function isoWithOffset(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

/** Milliseconds of a Beijing wall-clock time on the service date. */
export function beijing(serviceDate: string, hhmm: string): number {
  return Date.parse(`${serviceDate}T${hhmm}:00+08:00`);
}
