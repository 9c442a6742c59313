import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NetworkQueryService } from '../network/network-query.service';
import { DomainError, notFound } from '../infra/errors/domain-error';
import { barcodeConflict } from './barcode-conflict';
import { DestinationResolverService } from './destination-resolver.service';
import { ShipmentInputDto } from './dto/shipment-input.dto';
import { ShipmentEventsService } from './shipment-events.service';
import { normalizeShipment } from './shipment-normalize';
import { allowedNextStatuses, canReach, canTransition, EDITABLE_STATUSES, ShipmentDirection, ShipmentStatus } from './shipment-status';
import { Shipment } from './shipment.entity';
import { Clock } from '../infra/clock/clock';
import { IntakeSource, PlatformMessagesService } from './platform-messages.service';

export interface TransitionResult {
  shipmentId: string;
  status: ShipmentStatus;
  previousStatus: ShipmentStatus;
  /** False when the shipment already had the requested status (a repeat is not an error). */
  changed: boolean;
}

export const eventData = (shipment: Shipment, previousStatus: ShipmentStatus | null, reason: string | null = null) => ({
  shipmentId: shipment.id,
  platformShipmentId: shipment.platformShipmentId,
  direction: shipment.direction,
  status: shipment.status,
  previousStatus,
  villageNodeId: shipment.villageNodeId,
  needsAttention: shipment.needsAttention,
  attentionReason: shipment.attentionReason,
  ...(reason ? { reason } : {}),
});

/**
 * The state machine's only writer: every status change is checked against shipment-status.ts,
 * locked, and appended as an event with its outbox row in the same transaction.
 */
@Injectable()
export class ShipmentLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: ShipmentEventsService,
    private readonly resolver: DestinationResolverService,
    private readonly network: NetworkQueryService,
    private readonly messages: PlatformMessagesService,
    private readonly clock: Clock,
  ) {}

  /** An operator settles a needs_attention shipment by naming its village point; emits shipment.updated. */
  async assignVillage(countyId: string, shipmentId: string, villageNodeId: string): Promise<Shipment> {
    const village = await this.network.getNode(countyId, villageNodeId);
    if (village.tier !== 'village_point') throw new DomainError('validation_failed', `node ${village.code} is a ${village.tier}, not a village point`);
    return this.dataSource.transaction(async (manager) => {
      const shipment = await this.lock(manager, { countyId, id: shipmentId });
      if (!EDITABLE_STATUSES.includes(shipment.status)) {
        throw new DomainError('illegal_transition', `shipment is ${shipment.status}; its destination can no longer change`, [], { currentStatus: shipment.status });
      }
      Object.assign(shipment, { villageNodeId: village.id, needsAttention: false, attentionReason: null, version: shipment.version + 1 });
      await manager.query(
        `UPDATE shipment SET village_node_id = $2, resolved_by = NULL, needs_attention = false, attention_reason = NULL, version = version + 1, updated_at = now() WHERE id = $1`,
        [shipment.id, village.id],
      );
      await this.events.append(manager, {
        countyId,
        platformId: shipment.platformId,
        shipmentId: shipment.id,
        type: 'shipment.updated',
        fromStatus: shipment.status,
        toStatus: shipment.status,
        payload: eventData(shipment, shipment.status, `destination set by an operator to ${village.code}`),
      });
      return shipment;
    });
  }

  /**
   * For other modules (planning, driver) that change status inside their own transaction; `details`
   * (e.g. the planned date and ETA window) ride along in the event the platform receives.
   */
  async transitionIn(
    manager: EntityManager,
    countyId: string,
    shipmentId: string,
    to: ShipmentStatus,
    reason: string | null = null,
    details: Record<string, unknown> = {},
  ): Promise<TransitionResult> {
    const shipment = await this.lock(manager, { countyId, id: shipmentId });
    return this.apply(manager, shipment, to, reason, details);
  }

  /**
   * Like transitionIn, but `to` may be any status ahead on the state machine (canReach), reached in one
   * change with one event: for the driver module, whose statuses are derived from a day of reports.
   */
  async advanceIn(
    manager: EntityManager,
    countyId: string,
    shipmentId: string,
    to: ShipmentStatus,
    reason: string | null,
    details: Record<string, unknown> = {},
  ): Promise<TransitionResult> {
    const shipment = await this.lock(manager, { countyId, id: shipmentId });
    return this.apply(manager, shipment, to, reason, details, canReach);
  }

  transition(countyId: string, shipmentId: string, to: ShipmentStatus, reason: string | null = null): Promise<TransitionResult> {
    return this.dataSource.transaction((manager) => this.transitionIn(manager, countyId, shipmentId, to, reason));
  }

  cancelByPlatform(source: IntakeSource, platformShipmentId: string, reason: string | null): Promise<TransitionResult> {
    const { countyId, platformId } = source;
    return this.dataSource.transaction(async (manager) => {
      await this.messages.claimIn(manager, source);
      const shipment = await this.lock(manager, { countyId, platformId, platformShipmentId });
      return this.apply(manager, shipment, 'cancelled', reason ?? 'cancelled by platform');
    });
  }

  /** Replaces the content while the parcel has not left the hub; the same content again is a no-op. */
  async updateByPlatform(source: IntakeSource, input: ShipmentInputDto): Promise<{ shipmentId: string; changed: boolean; needsAttention: boolean }> {
    const { countyId, platformId } = source;
    const normalized = normalizeShipment(input);
    const resolution = await this.resolver.resolve(countyId, normalized.destination);
    const barcodes = normalized.parcels.map((parcel) => parcel.barcode);
    const update = this.dataSource.transaction(async (manager) => {
      await this.messages.claimIn(manager, source);
      const shipment = await this.lock(manager, { countyId, platformId, platformShipmentId: input.id });
      if (shipment.contentHash === normalized.content_hash) return { shipmentId: shipment.id, changed: false, needsAttention: shipment.needsAttention };
      if (!EDITABLE_STATUSES.includes(shipment.status)) {
        throw new DomainError('illegal_transition', `shipment ${input.id} is ${shipment.status}; it can no longer be updated`, [], { currentStatus: shipment.status });
      }
      if (shipment.direction !== normalized.direction) throw new DomainError('conflict', 'an update cannot change the direction of a shipment');
      Object.assign(shipment, {
        contentHash: normalized.content_hash,
        serviceLevel: normalized.service_level,
        promisedBy: normalized.promised_by ? new Date(normalized.promised_by) : null,
        // A new promise is judged against when the parcel arrived (or now, if it has not yet).
        lateOnArrival: normalized.promised_by !== null && Date.parse(normalized.promised_by) < (shipment.arrivedAt ?? this.clock.now()).getTime(),
        contactName: normalized.contact_name,
        contactPhone: normalized.contact_phone,
        destination: normalized.destination,
        villageNodeId: resolution.villageNodeId,
        resolvedBy: resolution.resolvedBy,
        needsAttention: resolution.attentionReason !== null,
        attentionReason: resolution.attentionReason,
        parcelCount: normalized.parcel_count,
        totalWeightG: normalized.total_weight_g,
        totalVolumeCm3: normalized.total_volume_cm3,
        declaredValueFen: String(normalized.declared_value_fen),
        cashOnDeliveryFen: String(normalized.cash_on_delivery_fen),
        version: shipment.version + 1,
      });
      await manager.save(Shipment, shipment);
      await manager.query('DELETE FROM shipment_parcel WHERE shipment_id = $1', [shipment.id]);
      await manager.query(
        `INSERT INTO shipment_parcel (shipment_id, county_id, barcode, weight_g, length_mm, width_mm, height_mm, declared_value_fen, cash_on_delivery_fen)
         SELECT $1, $2, p.barcode, p.weight_g, p.length_mm, p.width_mm, p.height_mm, p.declared_value_fen, p.cash_on_delivery_fen
           FROM jsonb_to_recordset($3::jsonb) AS p(barcode text, weight_g int, length_mm int, width_mm int, height_mm int, declared_value_fen bigint, cash_on_delivery_fen bigint)`,
        [shipment.id, countyId, JSON.stringify(normalized.parcels)],
      );
      await this.events.append(manager, {
        countyId,
        platformId,
        shipmentId: shipment.id,
        type: 'shipment.updated',
        fromStatus: shipment.status,
        toStatus: shipment.status,
        payload: eventData(shipment, shipment.status),
      });
      return { shipmentId: shipment.id, changed: true, needsAttention: shipment.needsAttention };
    });
    // A new barcode that another shipment holds: a 409 naming it, not the database's text.
    return update.catch(async (error: unknown) => {
      throw (await barcodeConflict(error, this.dataSource, countyId, barcodes)) ?? error;
    });
  }

  private async lock(manager: EntityManager, where: Partial<Pick<Shipment, 'countyId' | 'id' | 'platformId' | 'platformShipmentId'>>): Promise<Shipment> {
    const shipment = await manager.findOne(Shipment, { where, lock: { mode: 'pessimistic_write' } });
    if (!shipment) throw notFound('shipment', where.id ?? where.platformShipmentId ?? '');
    return shipment;
  }

  private async apply(
    manager: EntityManager,
    shipment: Shipment,
    to: ShipmentStatus,
    reason: string | null,
    details: Record<string, unknown> = {},
    allowed: typeof canTransition = canTransition,
  ): Promise<TransitionResult> {
    const from = shipment.status;
    if (from === to) return { shipmentId: shipment.id, status: to, previousStatus: from, changed: false };
    if (!allowed(shipment.direction as ShipmentDirection, from, to)) {
      const allowed = allowedNextStatuses(shipment.direction, from);
      throw new DomainError('illegal_transition', `a ${shipment.direction} shipment cannot go from ${from} to ${to}; allowed: ${allowed.join(', ') || 'none (final)'}`, [], {
        from,
        to,
        allowed,
      });
    }
    await manager.query('UPDATE shipment SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [shipment.id, to]);
    shipment.status = to;
    await this.events.append(manager, {
      countyId: shipment.countyId,
      platformId: shipment.platformId,
      shipmentId: shipment.id,
      type: 'shipment.status_changed',
      fromStatus: from,
      toStatus: to,
      payload: { ...eventData(shipment, from, reason), ...details },
    });
    return { shipmentId: shipment.id, status: to, previousStatus: from, changed: true };
  }
}
