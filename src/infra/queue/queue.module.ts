import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { redisConnectionOptions } from './redis-connection';

@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueueModule,
      imports: [BullModule.forRoot({ connection: redisConnectionOptions(config.redisUrl), prefix: config.queuePrefix })],
      exports: [BullModule],
    };
  }
}
