import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * "Now" and "today" for every rule that depends on the date (past service dates, promises, scheduled
 * waves). Production reads the system clock. Tests and benches set `CLOCK_START` at process start:
 * the clock then begins at that instant and runs at real speed, so every process of a run agrees on
 * the day. There is deliberately no API to move it.
 */
@Injectable()
export class Clock {
  private readonly offsetMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.offsetMs = config.clockStart === null ? 0 : config.clockStart.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** The local calendar date (YYYY-MM-DD) in `timeZone` now. */
  today(timeZone: string): string {
    return localDateOf(this.now(), timeZone);
  }
}

/** The calendar date (YYYY-MM-DD) of `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}
