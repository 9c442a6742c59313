import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { notFound } from '../infra/errors/domain-error';
import { ShipmentParcel } from './shipment-parcel.entity';
import { ShipmentStatus } from './shipment-status';
import { Shipment } from './shipment.entity';

export interface ShipmentListFilter {
  status?: ShipmentStatus;
  needsAttention?: boolean;
  limit: number;
  /** The id of the last shipment of the previous page (ids order by creation within a page run). */
  cursor?: string;
}

/** Reads, always inside one county: a key never sees another county's shipments. */
@Injectable()
export class ShipmentsQueryService {
  constructor(
    @InjectRepository(Shipment) private readonly shipments: Repository<Shipment>,
    @InjectRepository(ShipmentParcel) private readonly parcels: Repository<ShipmentParcel>,
  ) {}

  async list(countyId: string, filter: ShipmentListFilter): Promise<{ items: Shipment[]; nextCursor: string | null }> {
    const query = this.shipments.createQueryBuilder('s').where('s.countyId = :countyId', { countyId });
    if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.needsAttention !== undefined) query.andWhere('s.needsAttention = :needsAttention', { needsAttention: filter.needsAttention });
    if (filter.cursor) query.andWhere('s.id > :cursor', { cursor: filter.cursor });
    const rows = await query
      .orderBy('s.id', 'ASC')
      .take(filter.limit + 1)
      .getMany();
    const items = rows.slice(0, filter.limit);
    return { items, nextCursor: rows.length > filter.limit ? items[items.length - 1]!.id : null };
  }

  async get(countyId: string, id: string): Promise<{ shipment: Shipment; parcels: ShipmentParcel[] }> {
    const shipment = await this.shipments.findOne({ where: { countyId, id } });
    if (!shipment) throw notFound('shipment', id);
    const parcels = await this.parcels.find({ where: { shipmentId: id }, order: { barcode: 'ASC' } });
    return { shipment, parcels };
  }

  /** The shipments with their parcels (barcodes sorted), for manifests; ids of another county are left out. */
  async withParcels(countyId: string, shipmentIds: string[]): Promise<Array<{ shipment: Shipment; parcels: ShipmentParcel[] }>> {
    if (shipmentIds.length === 0) return [];
    const shipments = await this.shipments.find({ where: { countyId, id: In(shipmentIds) } });
    const parcels = await this.parcels.find({ where: { shipmentId: In(shipments.map((shipment) => shipment.id)) }, order: { barcode: 'ASC' } });
    const byShipment = new Map<string, ShipmentParcel[]>(shipments.map((shipment) => [shipment.id, []]));
    for (const parcel of parcels) byShipment.get(parcel.shipmentId)!.push(parcel);
    return shipments.map((shipment) => ({ shipment, parcels: byShipment.get(shipment.id)! }));
  }

  /** The shipments themselves, without parcels (lists beside a plan); ids of another county are left out. */
  many(countyId: string, shipmentIds: string[]): Promise<Shipment[]> {
    return shipmentIds.length === 0 ? Promise.resolve([]) : this.shipments.find({ where: { countyId, id: In(shipmentIds) } });
  }

  countByPlatform(platformId: string): Promise<number> {
    return this.shipments.count({ where: { platformId } });
  }

  countByStatus(countyId: string, status: ShipmentStatus): Promise<number> {
    return this.shipments.count({ where: { countyId, status } });
  }

  /** Barcodes the hub still expects: parcels of received inbound shipments that are not scanned in yet. */
  async barcodesExpectedAtHub(countyId: string): Promise<string[]> {
    const rows = await this.parcels
      .createQueryBuilder('p')
      .innerJoin(Shipment, 's', 's.id = p.shipmentId')
      .select('p.barcode', 'barcode')
      .where('s.countyId = :countyId', { countyId })
      .andWhere("s.direction = 'inbound' AND s.status = 'received' AND p.scannedInAt IS NULL")
      .orderBy('p.barcode')
      .getRawMany<{ barcode: string }>();
    return rows.map((row) => row.barcode);
  }
}
