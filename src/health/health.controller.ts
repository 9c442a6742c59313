import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../infra/auth/principal';
import { PostgisHealthIndicator } from './postgis-health.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly postgis: PostgisHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'PostgreSQL, PostGIS and Redis are up: `{status: "ok", details: {postgres, postgis, redis}}`' })
  @ApiServiceUnavailableResponse({ description: 'at least one dependency is down: `{status: "error", details}`, each check with its status and message' })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.postgres.pingCheck('postgres', { timeout: 2_000 }), () => this.postgis.version('postgis'), () => this.redis.ping('redis')]);
    } catch (error) {
      // Terminus reports "down" as an exception; answered here, so the global problem+json filter keeps its hands off the per-check details.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(error.getStatus());
      return error.getResponse() as HealthCheckResult;
    }
  }
}
