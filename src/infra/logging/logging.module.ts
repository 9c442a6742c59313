import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { loggableError } from './loggable-error';

/** Personal data that must never reach a log line, wherever it sits in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["webhook-signature"]',
  '*.phone',
  '*.recipientPhone',
  '*.senderPhone',
  '*.contactPhone',
  '*.contact_phone',
  '*.secret',
];

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            serializers: { err: loggableError },
            autoLogging: { ignore: (request) => request.url === '/health' },
            customProps: (request) => ({ countyId: (request as { countyId?: string }).countyId }),
          },
        }),
      ],
    };
  }
}
