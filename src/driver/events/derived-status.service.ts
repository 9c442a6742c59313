import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DriverRoutesService, RouteContext } from '../../planning/driver-routes.service';
import { RouteStatus } from '../../planning/plan-route.entity';
import { ParcelReportsService } from '../../shipments/parcel-reports.service';
import { ShipmentLifecycleService } from '../../shipments/shipment-lifecycle.service';
import { canReach, ShipmentStatus } from '../../shipments/shipment-status';
import { shipmentStatus, StatusEvidence } from './status-rule';

/** Evidence with what the status webhook says about the event that decided it. */
interface ReportEvidence extends StatusEvidence {
  routeId: string;
  type: string;
  reasonCode: string | null;
}

/** What a batch's newly stored events concern. */
export interface StoredBatch {
  countyId: string;
  driverId: string;
  /** Route id → whether one of the new events is the driver back at the route's base. */
  routes: Map<string, { backAtBase: boolean }>;
  shipmentIds: Set<string>;
}

/**
 * Brings the stored state in line with the set of stored events, in the sync's transaction: routes
 * move on (planned → dispatched at the first event, → completed back at the base), then each touched
 * shipment takes its derived status (status-rule.ts), one lifecycle change and one status webhook
 * when, and only when, the derived status differs from the one it has.
 */
@Injectable()
export class DerivedStatusService {
  constructor(
    private readonly routes: DriverRoutesService,
    private readonly parcels: ParcelReportsService,
    private readonly lifecycle: ShipmentLifecycleService,
  ) {}

  async apply(manager: EntityManager, batch: StoredBatch, contexts: ReadonlyMap<string, RouteContext>): Promise<number> {
    // Plans are locked before shipments, as publishing does: the two never wait on each other in a circle.
    for (const routeId of [...batch.routes.keys()].sort()) {
      const route = contexts.get(routeId);
      const target: RouteStatus = batch.routes.get(routeId)!.backAtBase ? 'completed' : 'dispatched';
      if (route && route.status !== target && route.status !== 'completed') {
        await this.routes.advanceStatusIn(manager, batch.countyId, routeId, target, `driver:${batch.driverId}`);
      }
    }
    return this.applyShipments(manager, batch.countyId, [...batch.shipmentIds].sort(), contexts);
  }

  /** Returns how many shipments changed status. */
  private async applyShipments(manager: EntityManager, countyId: string, shipmentIds: string[], contexts: ReadonlyMap<string, RouteContext>): Promise<number> {
    if (shipmentIds.length === 0) return 0;
    const current = await this.parcels.lockStatuses(manager, countyId, shipmentIds);
    const parcelsByShipment = await this.parcels.parcelsOf(countyId, shipmentIds, manager);
    const evidence = await this.evidenceOf(manager, shipmentIds);
    let changed = 0;
    for (const shipmentId of shipmentIds) {
      const now = current.get(shipmentId);
      if (!now) continue;
      const parcelIds = (parcelsByShipment.get(shipmentId) ?? []).map((parcel) => parcel.parcelId);
      const decided = shipmentStatus(now.direction, parcelIds, evidence.get(shipmentId) ?? []);
      // A status set outside the drivers' reports (returned, cancelled, an operator's hand) is left as it is.
      if (!decided || decided.status === now.status || !canReach(now.direction, now.status, decided.status)) continue;
      const event = decided;
      const route = contexts.get(event.routeId);
      await this.lifecycle.advanceIn(manager, countyId, shipmentId, decided.status, `driver report: ${event.type}${route ? ` on route ${route.routeNumber}` : ''}`, {
        source: 'driver',
        routeId: event.routeId,
        driverEventId: event.eventId,
        occurredAt: new Date(event.occurredAtMs).toISOString(),
        ...(event.reasonCode ? { failureReason: event.reasonCode } : {}),
      });
      changed += 1;
    }
    return changed;
  }

  private async evidenceOf(manager: EntityManager, shipmentIds: string[]): Promise<Map<string, ReportEvidence[]>> {
    const rows: Array<{
      shipment_id: string;
      parcel_id: string | null;
      implied_status: ShipmentStatus;
      event_id: string;
      occurred_at: Date;
      route_id: string;
      type: string;
      reason_code: string | null;
    }> = await manager.query(
      `SELECT l.shipment_id, l.parcel_id, l.implied_status, e.id AS event_id, e.occurred_at, e.route_id, e.type, e.reason_code
           FROM driver_event_shipment l JOIN driver_event e ON e.id = l.event_id
          WHERE l.shipment_id = ANY($1::uuid[]) AND l.implied_status IS NOT NULL`,
      [shipmentIds],
    );
    const byShipment = new Map<string, ReportEvidence[]>();
    for (const row of rows) {
      const entries = byShipment.get(row.shipment_id) ?? [];
      byShipment.set(row.shipment_id, entries);
      entries.push({
        eventId: row.event_id,
        occurredAtMs: new Date(row.occurred_at).getTime(),
        parcelId: row.parcel_id,
        status: row.implied_status,
        routeId: row.route_id,
        type: row.type,
        reasonCode: row.reason_code,
      });
    }
    return byShipment;
  }
}
