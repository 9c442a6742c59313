import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** PostgreSQL answering is not enough: every spatial query needs the PostGIS library loaded. */
@Injectable()
export class PostgisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async version<Key extends string>(key: Key): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    try {
      const rows: Array<{ version: string }> = await this.dataSource.query('SELECT postgis_lib_version() AS version');
      return indicator.up({ detail: `PostGIS ${rows[0]!.version}` });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
