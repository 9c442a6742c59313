import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { SecretBox } from '../crypto/secret-box';
import { APP_CONFIG, AppConfig, loadAppConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  /** The configuration, the Clock and the SecretBox (keys from the configuration), global. `config` lets tests and the CLI pass a ready configuration instead of process.env. */
  static forRoot(config: AppConfig = loadAppConfig()): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }, Clock, SecretBox], exports: [APP_CONFIG, Clock, SecretBox] };
  }
}
