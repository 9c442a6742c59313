import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppLogger, createRootLogger } from './app-logger';

/** The process's logger (AppLogger over one pino logger), for app.useLogger() and the HTTP access log. */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: LoggingModule,
      providers: [{ provide: AppLogger, useValue: new AppLogger(createRootLogger(config)) }],
      exports: [AppLogger],
    };
  }
}
