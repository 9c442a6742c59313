import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './infra/config/app-config';
import { ConfigModule } from './infra/config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { IntegrationsWorkerModule } from './integrations/integrations-worker.module';
import { LoggingModule } from './infra/logging/logging.module';
import { NetworkWorkerModule } from './network/network-worker.module';
import { QueueModule } from './infra/queue/queue.module';
import { PlanningWorkerModule } from './planning/planning-worker.module';

/** Modules whose BullMQ processors run in the worker process. */
export const WORKER_DOMAIN_MODULES: DynamicModule['imports'] = [IntegrationsWorkerModule, NetworkWorkerModule, PlanningWorkerModule];

/** The worker: the same domain services as the API, with processors and no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(config), DatabaseModule.forRoot(config), QueueModule.forRoot(config), ...(WORKER_DOMAIN_MODULES ?? [])],
    };
  }
}
