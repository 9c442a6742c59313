import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { QueueErrorListeners } from './queue-error-listeners';
import { redisConnectionOptions } from './redis-connection';

@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: QueueModule,
      imports: [BullModule.forRoot({ connection: redisConnectionOptions(config.redisUrl), prefix: config.queuePrefix }), DiscoveryModule],
      providers: [QueueErrorListeners],
      exports: [BullModule, QueueErrorListeners],
    };
  }
}
