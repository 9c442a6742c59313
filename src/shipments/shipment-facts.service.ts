import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ShipmentDirection } from './shipment-status';

/** What planning needs to know about shipments that rode on a plan: whose they are, how much, and by when. */
export interface ShipmentFacts {
  id: string;
  platformId: string;
  direction: ShipmentDirection;
  /** Null only for a shipment whose destination was never resolved (it cannot have ridden). */
  villageNodeId: string | null;
  parcelCount: number;
  weightG: number;
  volumeCm3: number;
  promisedBy: Date | null;
}

/**
 * Reads shipments by id for the plan's baseline, figures and settlement, whatever their status now
 * (a plan's shipments move on to delivered; its figures must not change with them).
 */
@Injectable()
export class ShipmentFactsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The county's shipments among `shipmentIds`, by id; ids of other counties or unknown ids are left out. */
  async factsOf(countyId: string, shipmentIds: readonly string[]): Promise<ShipmentFacts[]> {
    if (shipmentIds.length === 0) return [];
    const rows: Array<{
      id: string;
      platform_id: string;
      direction: ShipmentDirection;
      village_node_id: string | null;
      parcel_count: number;
      total_weight_g: number;
      total_volume_cm3: number;
      promised_by: Date | null;
    }> = await this.dataSource.query(
      `SELECT id, platform_id, direction, village_node_id, parcel_count, total_weight_g, total_volume_cm3, promised_by
         FROM shipment WHERE county_id = $1 AND id = ANY($2::uuid[]) ORDER BY id`,
      [countyId, [...new Set(shipmentIds)]],
    );
    return rows.map((row) => ({
      id: row.id,
      platformId: row.platform_id,
      direction: row.direction,
      villageNodeId: row.village_node_id,
      parcelCount: row.parcel_count,
      weightG: row.total_weight_g,
      volumeCm3: row.total_volume_cm3,
      promisedBy: row.promised_by,
    }));
  }
}
