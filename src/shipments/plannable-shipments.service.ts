import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../infra/errors/domain-error';
import { ShipmentLifecycleService } from './shipment-lifecycle.service';
import { ShipmentEventsService } from './shipment-events.service';
import { ShipmentDirection, ShipmentStatus } from './shipment-status';

/** An open shipment as the planner needs it: where, which way, how much, and by when. */
export interface PlannableShipment {
  id: string;
  direction: ShipmentDirection;
  villageNodeId: string;
  parcelCount: number;
  weightG: number;
  volumeCm3: number;
  serviceLevel: string;
  /** The platform's promise, when it sent one. */
  promisedBy: Date | null;
  /** First hub scan (inbound) or request (pickup), by the Clock; the county default promise counts from it. */
  arrivedAt: Date;
  lateOnArrival: boolean;
}

/** What a platform is told when a plan with its shipment is published. */
export interface ShipmentSchedule {
  /** Local service date, YYYY-MM-DD. */
  plannedDate: string;
  /** ISO 8601 with the county's offset. */
  eta: { from: string; to: string };
}

/**
 * What the planning module asks of shipments (added for planning; no existing behaviour changes):
 * the open work of a county, and marking inbound shipments planned inside the planner's transaction
 * through the state machine, so each change gets its event and outbox row.
 */
@Injectable()
export class PlannableShipmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: ShipmentLifecycleService,
    private readonly events: ShipmentEventsService,
  ) {}

  /**
   * Inbound shipments at the hub and produce pickups requested, with a resolved village, by id; and
   * the inbound shipments of `replannedIds` that are `planned` (a published version being replanned:
   * its shipments are the new version's to route again, and are given back only when it is published).
   */
  async listPlannable(countyId: string, replannedIds: readonly string[] = []): Promise<PlannableShipment[]> {
    const rows: Array<{
      id: string;
      direction: ShipmentDirection;
      village_node_id: string;
      parcel_count: number;
      total_weight_g: number;
      total_volume_cm3: number;
      service_level: string;
      promised_by: Date | null;
      arrived_at: Date | null;
      created_at: Date;
      late_on_arrival: boolean;
    }> = await this.dataSource.query(
      `SELECT id, direction, village_node_id, parcel_count, total_weight_g, total_volume_cm3, service_level, promised_by, arrived_at, created_at, late_on_arrival
           FROM shipment
          WHERE county_id = $1 AND village_node_id IS NOT NULL
            AND ((direction = 'inbound' AND status = 'at_hub')
              OR (direction = 'outbound_pickup' AND status = 'requested')
              OR (direction = 'inbound' AND status = 'planned' AND id = ANY($2::uuid[])))
          ORDER BY id`,
      [countyId, replannedIds],
    );
    return rows.map((row) => ({
      id: row.id,
      direction: row.direction,
      villageNodeId: row.village_node_id,
      parcelCount: row.parcel_count,
      weightG: row.total_weight_g,
      volumeCm3: row.total_volume_cm3,
      serviceLevel: row.service_level,
      promisedBy: row.promised_by,
      // Rows from before arrivals were recorded count from their creation.
      arrivedAt: row.arrived_at ?? row.created_at,
      lateOnArrival: row.late_on_arrival,
    }));
  }

  /**
   * Moves the inbound shipments among `shipmentIds` from at_hub to planned in the caller's
   * transaction. Pickups keep `requested` (their lifecycle has no planned state). A shipment that
   * changed meanwhile (cancelled) makes the transition throw, and the caller's transaction roll back.
   * With `schedules`, each shipment's event carries its planned date and ETA window (pickups get a
   * `shipment.updated` event with it), so each platform hears about its own shipments only.
   * Returns how many were marked.
   */
  async markPlanned(
    manager: EntityManager,
    countyId: string,
    shipmentIds: string[],
    planId: string,
    schedules: ReadonlyMap<string, ShipmentSchedule> = new Map(),
  ): Promise<number> {
    if (shipmentIds.length === 0) return 0;
    // Sorted ids, locked up front: every planner locks in the same order, so two plans cannot
    // deadlock on shipments, and a second plan waits here until the first has committed.
    const inbound: Array<{ id: string; status: string }> = await manager.query(
      `SELECT id, status FROM shipment WHERE county_id = $1 AND id = ANY($2::uuid[]) AND direction = 'inbound' ORDER BY id FOR UPDATE`,
      [countyId, shipmentIds],
    );
    // Planned by another plan meanwhile (a parallel wave): the state machine would take
    // planned → planned as a no-op, so refuse here; the caller recomputes without them.
    const taken = inbound.filter((row) => row.status !== 'at_hub');
    if (taken.length > 0) {
      throw new DomainError('conflict', `${taken.length} shipment(s) left at_hub while the plan was computed (first: ${taken[0]!.id} is ${taken[0]!.status})`);
    }
    for (const { id } of inbound) await this.lifecycle.transitionIn(manager, countyId, id, 'planned', `plan ${planId}`, scheduleDetails(schedules.get(id)));
    await this.announcePickups(manager, countyId, shipmentIds, planId, schedules);
    return inbound.length;
  }

  private async announcePickups(manager: EntityManager, countyId: string, shipmentIds: string[], planId: string, schedules: ReadonlyMap<string, ShipmentSchedule>): Promise<void> {
    await this.announceSchedules(manager, countyId, shipmentIds, `pickup scheduled by plan ${planId}`, schedules, 'outbound_pickup');
  }

  /**
   * A published plan's hand edit moved these shipments' stops: each platform is told the new ETA of
   * its own shipments by a `shipment.updated` event (status unchanged) with the planned date and the
   * ETA window, as publishing told it the first one. Returns how many were announced.
   */
  announceRescheduled(manager: EntityManager, countyId: string, planId: string, schedules: ReadonlyMap<string, ShipmentSchedule>): Promise<number> {
    return this.announceSchedules(manager, countyId, [...schedules.keys()], `rescheduled by an edit of plan ${planId}`, schedules, null);
  }

  private async announceSchedules(
    manager: EntityManager,
    countyId: string,
    shipmentIds: string[],
    reason: string,
    schedules: ReadonlyMap<string, ShipmentSchedule>,
    onlyDirection: ShipmentDirection | null,
  ): Promise<number> {
    if (schedules.size === 0 || shipmentIds.length === 0) return 0;
    const shipments: Array<{ id: string; platform_id: string; direction: ShipmentDirection; status: ShipmentStatus }> = await manager.query(
      `SELECT id, platform_id, direction, status FROM shipment WHERE county_id = $1 AND id = ANY($2::uuid[]) AND ($3::text IS NULL OR direction::text = $3) ORDER BY id`,
      [countyId, shipmentIds, onlyDirection],
    );
    let announced = 0;
    for (const shipment of shipments) {
      const schedule = schedules.get(shipment.id);
      if (!schedule) continue;
      await this.events.append(manager, {
        countyId,
        platformId: shipment.platform_id,
        shipmentId: shipment.id,
        type: 'shipment.updated',
        fromStatus: shipment.status,
        toStatus: shipment.status,
        payload: { shipmentId: shipment.id, direction: shipment.direction, status: shipment.status, reason, ...scheduleDetails(schedule) },
      });
      announced++;
    }
    return announced;
  }

  /**
   * For a replan: inbound shipments of `shipmentIds` still `planned` go back to at_hub, in the
   * caller's transaction, so the new run plans them again. Returns how many were released.
   */
  async releasePlanned(manager: EntityManager, countyId: string, shipmentIds: string[], planId: string): Promise<number> {
    if (shipmentIds.length === 0) return 0;
    const planned: Array<{ id: string }> = await manager.query(
      `SELECT id FROM shipment WHERE county_id = $1 AND id = ANY($2::uuid[]) AND direction = 'inbound' AND status = 'planned' ORDER BY id`,
      [countyId, shipmentIds],
    );
    for (const { id } of planned) await this.lifecycle.transitionIn(manager, countyId, id, 'at_hub', `replan of plan ${planId}`);
    return planned.length;
  }
}

const scheduleDetails = (schedule: ShipmentSchedule | undefined): Record<string, unknown> => (schedule ? { plannedDate: schedule.plannedDate, eta: schedule.eta } : {});
