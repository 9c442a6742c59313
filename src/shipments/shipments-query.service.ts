import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { notFound, validationFailed } from '../infra/errors/domain-error';
import { ShipmentParcel } from './shipment-parcel.entity';
import { ShipmentStatus } from './shipment-status';
import { Shipment } from './shipment.entity';
import { rowVersionsSql } from '../infra/database/row-versions';

export interface ShipmentListFilter {
  status?: ShipmentStatus;
  needsAttention?: boolean;
  limit: number;
  /** The id of the last shipment of the previous page (ids order by creation within a page run). */
  cursor?: string;
  /** Barcode, platform shipment id, recipient name or phone, village name or code (see matchingIds). */
  q?: string;
  platformId?: string;
  /** Local dates (county time zone), YYYY-MM-DD, both included, on the creation time. */
  from?: string;
  to?: string;
}

/**
 * The ids of the county's shipments that the search text names, one indexed lookup per kind, united:
 * an OR over the columns would make PostgreSQL read every shipment of the county. Prefix matches use
 * the varchar_pattern_ops indexes of migration ShipmentSearch; villages are few per county.
 */
const matchingIds = `
  SELECT p.shipment_id FROM shipment_parcel p WHERE p.county_id = :countyId AND p.barcode = :q
  UNION SELECT m.id FROM shipment m WHERE m.county_id = :countyId AND m.platform_shipment_id LIKE :prefix
  UNION SELECT m.id FROM shipment m WHERE m.county_id = :countyId AND m.contact_name LIKE :prefix
  UNION SELECT m.id FROM shipment m WHERE m.county_id = :countyId AND m.contact_phone LIKE :phonePrefix
  UNION SELECT m.id FROM shipment m WHERE m.county_id = :countyId AND m.village_node_id IN (
    SELECT n.id FROM network_node n WHERE n.county_id = :countyId AND n.tier = 'village_point' AND (n.name LIKE :prefix OR n.code = :q OR n.admin_code = :q))`;

/** The text taken literally in a LIKE pattern (a recipient named 100% is not a wildcard). */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * Phones are stored E.164 (+8613800138000); what an operator types has no country prefix, or 0086.
 * Text that is no number start gets a pattern that matches nothing.
 */
function phoneSearchPrefix(text: string): string {
  const typed = text.replace(/[ ().-]/g, '');
  if (!/^\+?\d{3,}$/.test(typed)) return '+-';
  const international = typed.startsWith('+') ? typed : typed.startsWith('00') ? `+${typed.slice(2)}` : typed.startsWith('1') ? `+86${typed}` : `+${typed}`;
  return `${international}%`;
}

/** SQL: the row versions of the shipments in the uuid[] expression `ids` and of their parcels, for a cached view of them to be checked against (rowVersionsSql). */
export function shipmentVersionsSql(ids: string): string {
  return `${rowVersionsSql('shipment', 'id', ids)} || '/' || ${rowVersionsSql('shipment_parcel', 'shipment_id', ids)}`;
}

/** Reads, always inside one county: a key never sees another county's shipments. */
@Injectable()
export class ShipmentsQueryService {
  constructor(
    @InjectRepository(Shipment) private readonly shipments: Repository<Shipment>,
    @InjectRepository(ShipmentParcel) private readonly parcels: Repository<ShipmentParcel>,
  ) {}

  async list(countyId: string, filter: ShipmentListFilter): Promise<{ items: Shipment[]; nextCursor: string | null }> {
    if (filter.from && filter.to && filter.from > filter.to)
      throw validationFailed(`from ${filter.from} is after to ${filter.to}`, [{ field: 'from', message: 'must not be after to' }]);
    const query = this.shipments.createQueryBuilder('s').where('s.countyId = :countyId', { countyId });
    if (filter.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.needsAttention !== undefined) query.andWhere('s.needsAttention = :needsAttention', { needsAttention: filter.needsAttention });
    if (filter.platformId) query.andWhere('s.platformId = :platformId', { platformId: filter.platformId });
    // The bounds are constants (the county's local midnight), so the (county, created_at) index serves them.
    const countyMidnight = (param: string) => `(:${param}::date)::timestamp AT TIME ZONE (SELECT c.time_zone FROM county c WHERE c.id = :countyId)`;
    if (filter.from) query.andWhere(`s.createdAt >= ${countyMidnight('from')}`, { from: filter.from });
    if (filter.to) query.andWhere(`s.createdAt < ${countyMidnight('to')} + interval '1 day'`, { to: filter.to });
    if (filter.q) query.andWhere(`s.id IN (${matchingIds})`, { q: filter.q, prefix: `${escapeLike(filter.q)}%`, phonePrefix: phoneSearchPrefix(filter.q) });
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
