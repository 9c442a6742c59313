import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { NetworkSnappingService, SnappingReport } from './network-snapping.service';

/** The network's part of the operator's overview (the fleet module adds its vehicles). */
export interface NetworkFigures {
  nodesByTier: Record<string, number>;
  roadSegments: number;
  roadKm: number;
  networkVersion: number;
  /** Nodes off the roads: too far from one, or on a part not connected to the hub's. */
  snapping: SnappingReport;
}

/** Counts for the operator's overview: nodes per tier, road length, network version, nodes off the roads. */
@Injectable()
export class NetworkSummaryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counties: CountiesService,
    private readonly snapping: NetworkSnappingService,
  ) {}

  async summarize(countyId: string): Promise<NetworkFigures> {
    const county = await this.counties.get(countyId);
    const tiers: Array<{ tier: string; count: string }> = await this.dataSource.query('SELECT tier, count(*) AS count FROM network_node WHERE county_id = $1 GROUP BY tier', [
      countyId,
    ]);
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
      networkVersion: county.networkVersion,
      snapping: await this.snapping.report(countyId),
    };
  }
}
