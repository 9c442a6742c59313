import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { PostgisHealthIndicator } from './postgis-health.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

/** GET /health for load balancers and operators: PostgreSQL, PostGIS and Redis, through @nestjs/terminus. */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [PostgisHealthIndicator, RedisHealthIndicator],
})
export class HealthModule {}
