import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { APP_CONFIG, AppConfig, loadAppConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  /** The configuration and the Clock, global. `config` lets tests and the CLI pass a ready configuration instead of process.env. */
  static forRoot(config: AppConfig = loadAppConfig()): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }, Clock], exports: [APP_CONFIG, Clock] };
  }
}
