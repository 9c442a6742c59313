import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CountiesModule } from './counties/counties.module';
import { FleetModule } from './fleet/fleet.module';
import { NetworkModule } from './network/network.module';
import { PlanningModule } from './planning/planning.module';
import { DriverModule } from './driver/driver.module';
import { HealthModule } from './health/health.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { OperatorsModule } from './operators/operators.module';
import { ApiKeyGuard } from './infra/auth/api-key.guard';
import { AppConfig } from './infra/config/app-config';
import { ConfigModule } from './infra/config/config.module';
import { DatabaseModule } from './infra/database/database.module';
import { ProblemDetailsFilter } from './infra/errors/problem-details.filter';
import { LoggingModule } from './infra/logging/logging.module';
import { QueueModule } from './infra/queue/queue.module';
import { JsonBodyGuard } from './infra/http/json-body.guard';
import { DriverAuthGuard } from './driver/auth/driver-auth.guard';
import { OperatorActionsGuard } from './operators/operator-actions.guard';
import { ClientAddressGuard } from './infra/rate-limit/client-address.guard';
import { RateLimitModule } from './infra/rate-limit/rate-limit.module';
import { RequestRedisModule } from './infra/redis/redis.module';

/** Domain modules served over HTTP. Each owns its tables; add a module here and in WorkerModule if it has processors. */
export const API_DOMAIN_MODULES = [CountiesModule, OperatorsModule, HealthModule, NetworkModule, FleetModule, ShipmentsModule, IntegrationsModule, PlanningModule, DriverModule];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config),
        DatabaseModule.forRoot(config),
        QueueModule.forRoot(config),
        RequestRedisModule.forRoot(),
        RateLimitModule,
        ...API_DOMAIN_MODULES,
      ],
      // In this order for every request: the client address's budget, the operator key (and its budget)
      // or the driver's token, then the body is read; nothing of an unauthenticated request is parsed.
      // Last, an operator's change is set to be recorded once answered (OperatorActionsGuard).
      // A route's own guards (the signed webhook's) run after these, and read the body themselves.
      providers: [
        { provide: APP_GUARD, useClass: ClientAddressGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useExisting: DriverAuthGuard },
        { provide: APP_GUARD, useClass: JsonBodyGuard },
        { provide: APP_GUARD, useExisting: OperatorActionsGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
