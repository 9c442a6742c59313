import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Level, Logger as Pino } from 'pino';
import { AppConfig } from '../config/app-config';
import { loggableError } from './loggable-error';

/** Fields with personal data or secrets, never written: at the top of a logged object and one level down. */
const REDACTED_FIELDS = ['phone', 'recipientPhone', 'senderPhone', 'contactPhone', 'contact_phone', 'secret'];

/** Personal data that must never reach a log line, wherever it sits in a logged object. */
export const REDACTED_PATHS = ['req.headers.authorization', 'req.headers["webhook-signature"]', ...REDACTED_FIELDS, ...REDACTED_FIELDS.map((field) => `*.${field}`)];

/** The process's one pino logger: JSON lines on stdout (or `destination`) at LOG_LEVEL, personal data redacted, errors through loggableError. */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): Pino {
  const options = { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { err: loggableError } };
  return destination ? pino(options, destination) : pino(options);
}

/** A stack trace as NestJS's own exception handlers pass it, in place of an object. */
const STACK = /\n\s*at /;

/**
 * NestJS's LoggerService on the root pino logger, so that `new Logger(Context).warn({ countyId }, 'what')`
 * anywhere writes one JSON line `{level, context: 'Context', countyId, msg: 'what'}`. Nest passes the
 * context last; an object first is merged into the line (an Error becomes `err`). A level that is off
 * costs one comparison.
 */
export class AppLogger implements LoggerService {
  constructor(readonly root: Pino) {}

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.root.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let rest = params;
    if (params.length > 0) {
      fields.context = params[params.length - 1];
      rest = params.slice(0, -1);
    }
    if (message instanceof Error) {
      fields.err = message;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(fields, message);
    } else if (level === 'error' && typeof message === 'string' && typeof rest[0] === 'string' && STACK.test(rest[0])) {
      // Nest's ExceptionsHandler: error(message, stack, context).
      const error = new Error(message);
      error.stack = rest[0];
      this.root.error({ ...fields, err: error });
      return;
    } else {
      this.root[level](fields, String(message), ...rest);
      return;
    }
    this.root[level](fields, ...(rest as [string, ...unknown[]]));
  }
}
