import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VehiclesService } from '../fleet/vehicles.service';
import { notFound } from '../infra/errors/domain-error';
import { NetworkSnappingService } from './network-snapping.service';
import { NetworkSummaryResponse } from './network.responses';

/** Counts for the operator's overview: nodes per tier, road length, vehicles per class, network version, nodes off the roads. */
@Injectable()
export class NetworkSummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(forwardRef(() => VehiclesService)) private readonly vehicles: VehiclesService,
    private readonly snapping: NetworkSnappingService,
  ) {}

  async summarize(countyId: string): Promise<NetworkSummaryResponse> {
    const [county]: Array<{ network_version: number }> = await this.dataSource.query('SELECT network_version FROM county WHERE id = $1', [countyId]);
    if (!county) throw notFound('county', countyId);
    const tiers: Array<{ tier: string; count: string }> = await this.dataSource.query(
      'SELECT tier, count(*) AS count FROM network_node WHERE county_id = $1 GROUP BY tier',
      [countyId],
    );
    const [roads]: Array<{ segments: string; length_m: string | null }> = await this.dataSource.query(
      'SELECT count(*) AS segments, sum(length_m) AS length_m FROM road_segment WHERE county_id = $1',
      [countyId],
    );
    const nodesByTier: Record<string, number> = { county_hub: 0, township_station: 0, village_point: 0 };
    for (const row of tiers) nodesByTier[row.tier] = Number(row.count);
    return {
      nodesByTier,
      roadSegments: Number(roads!.segments),
      roadKm: Number(roads!.length_m ?? 0) / 1000,
      vehiclesByClass: await this.vehicles.countByClass(countyId),
      networkVersion: county.network_version,
      snapping: await this.snapping.report(countyId),
    };
  }
}
