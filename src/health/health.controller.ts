import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../infra/auth/principal';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { redisConnectionOptions } from '../infra/queue/redis-connection';

interface CheckResult {
  status: 'up' | 'down';
  detail?: string;
}

async function check(probe: () => Promise<string | undefined>): Promise<CheckResult> {
  try {
    const detail = await probe();
    return { status: 'up', ...(detail ? { detail } : {}) };
  } catch (error) {
    return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'PostgreSQL, PostGIS and Redis are up' })
  @ApiServiceUnavailableResponse({ description: 'at least one dependency is down' })
  async health(@Res() response: Response): Promise<void> {
    const [postgres, postgis, redis] = await Promise.all([
      check(async () => {
        await this.dataSource.query('SELECT 1');
        return undefined;
      }),
      check(async () => {
        const rows: Array<{ version: string }> = await this.dataSource.query('SELECT postgis_lib_version() AS version');
        return `PostGIS ${rows[0]!.version}`;
      }),
      check(() => this.pingRedis()),
    ]);
    const up = [postgres, postgis, redis].every((result) => result.status === 'up');
    response.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: up ? 'up' : 'down', checks: { postgres, postgis, redis } });
  }

  private async pingRedis(): Promise<string | undefined> {
    const client = new Redis({ ...redisConnectionOptions(this.config.redisUrl), lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      await client.ping();
      return undefined;
    } finally {
      client.disconnect();
    }
  }
}
