import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { OPERATOR_ROLES, Principal, PublicWithOptionalKey } from '../infra/auth/principal';
import { PostgisHealthIndicator } from './postgis-health.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

/** What an anonymous caller (a load balancer) learns: up or not. Versions and error texts help an attacker more than a probe. */
export interface PublicHealth {
  status: 'ok' | 'error';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
    private readonly postgis: PostgisHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @PublicWithOptionalKey()
  @Get()
  @ApiOkResponse({ description: 'PostgreSQL, PostGIS and Redis are up: `{status: "ok"}`; with an operator key also `details: {postgres, postgis, redis}`' })
  @ApiServiceUnavailableResponse({ description: 'at least one dependency is down: `{status: "error"}`; with an operator key each check with its status and message' })
  async check(@Req() request: { principal?: Principal }, @Res({ passthrough: true }) response: Response): Promise<HealthCheckResult | PublicHealth> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([() => this.postgres.pingCheck('postgres', { timeout: 2_000 }), () => this.postgis.version('postgis'), () => this.redis.ping('redis')]);
    } catch (error) {
      // Terminus reports "down" as an exception; answered here, so the global problem+json filter keeps its hands off the per-check details.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(error.getStatus());
      result = error.getResponse() as HealthCheckResult;
    }
    // Operators of any county see the details; a platform's key is an outsider's.
    const operator = request.principal !== undefined && OPERATOR_ROLES.includes(request.principal.role);
    return operator ? result : { status: result.status === 'ok' ? 'ok' : 'error' };
  }
}
