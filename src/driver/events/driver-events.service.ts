import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../infra/clock/clock';
import { DomainError } from '../../infra/errors/domain-error';
import { problemsOf } from '../../infra/validation/zod-problems';
import { DriverRoutesService } from '../../planning/driver-routes.service';
import { ParcelReportsService } from '../../shipments/parcel-reports.service';
import { DriverPrincipal } from '../auth/access-tokens';
import { DriverAccountsService } from '../auth/driver-accounts.service';
import { DriverDevice } from '../auth/driver-device.entity';
import { ProofPolicyService } from '../proofs/proof-policy.service';
import { RecipientCodesService } from '../proofs/recipient-codes.service';
import { canonicalJson } from './canonical-json';
import { DerivedStatusService, StoredBatch } from './derived-status.service';
import { AcceptedEvent, clockOffsetS, JudgeContext, judgeEvent } from './event-judge';
import { DriverEventInput, driverEventSchema, eventBatchSchema } from './event-batch.schema';
import { EventResult, SyncResponse } from './sync-response';
import { RUN_UPDATES_CHANNEL, RunUpdate } from '../progress/run-updates.service';

interface Candidate {
  index: number;
  event: DriverEventInput;
  contentHash: string;
}

/**
 * POST /v1/driver/events: a batch recorded offline. Each event is judged on its own (event-judge.ts);
 * the accepted ones are stored once by id, then routes and shipments are brought in line with the
 * whole set of stored events, in one transaction (derived-status.service.ts). Any order of arrival,
 * any repetition, any split into batches ends in the same state.
 */
@Injectable()
export class DriverEventsService {
  private readonly logger = new Logger(DriverEventsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly routes: DriverRoutesService,
    private readonly parcels: ParcelReportsService,
    private readonly policy: ProofPolicyService,
    private readonly recipientCodes: RecipientCodesService,
    private readonly accounts: DriverAccountsService,
    private readonly derived: DerivedStatusService,
    private readonly clock: Clock,
  ) {}

  async sync(driver: DriverPrincipal, body: unknown): Promise<SyncResponse> {
    const envelope = eventBatchSchema.safeParse(body);
    if (!envelope.success) {
      const problems = problemsOf(envelope.error);
      throw new DomainError('validation_failed', problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '), problems);
    }
    const receivedAt = this.clock.now();
    const sentAt = new Date(envelope.data.sentAt);
    const results: EventResult[] = [];
    const candidates: Candidate[] = [];
    envelope.data.events.forEach((raw, index) => {
      const parsed = driverEventSchema.safeParse(raw);
      if (parsed.success) candidates.push({ index, event: parsed.data, contentHash: createHash('sha256').update(canonicalJson(parsed.data)).digest('hex') });
      else
        results.push({
          index,
          id: idOf(raw),
          outcome: 'rejected',
          reason: 'invalid',
          message: problemsOf(parsed.error, ['events', index])
            .map((p) => `${p.field}: ${p.message}`)
            .join('; '),
        });
    });
    const context = await this.judgeContext(driver, candidates, sentAt, receivedAt);
    const fresh = await this.screenRepeats(candidates, driver.driverId, results);
    const accepted: Array<Candidate & AcceptedEvent> = [];
    for (const candidate of fresh) {
      const verdict = judgeEvent(candidate.event, context);
      if ('accepted' in verdict) accepted.push({ ...candidate, ...verdict.accepted });
      else results.push({ index: candidate.index, id: candidate.event.id, outcome: 'rejected', reason: verdict.rejected, message: verdict.message });
    }
    const { inserted, statusChanges } = await this.dataSource.transaction((manager) => this.store(manager, driver, accepted, context, receivedAt));
    for (const candidate of accepted) {
      results.push({ index: candidate.index, id: candidate.event.id, outcome: inserted.has(candidate.event.id) ? 'accepted' : 'duplicate' });
    }
    await this.dataSource.getRepository(DriverDevice).update(driver.deviceId, { lastSeenAt: receivedAt });
    results.sort((a, b) => a.index - b.index);
    const count = (outcome: EventResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
    const response = {
      receivedAt: receivedAt.toISOString(),
      clockOffsetS: context.clockOffsetS,
      accepted: count('accepted'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      statusChanges,
      results,
    };
    this.logger.log(
      { countyId: driver.countyId, driverId: driver.driverId, accepted: response.accepted, duplicates: response.duplicates, rejected: response.rejected, statusChanges },
      'driver events synced',
    );
    return response;
  }

  /**
   * Events stored before (or twice in this batch): the same content is a duplicate, done already;
   * other content under the same id is refused. Returns the events still to judge.
   */
  private async screenRepeats(candidates: Candidate[], driverId: string, results: EventResult[]): Promise<Candidate[]> {
    const ids = candidates.map((candidate) => candidate.event.id);
    const stored: Array<{ id: string; driver_id: string; content_hash: string }> =
      ids.length === 0 ? [] : await this.dataSource.query('SELECT id, driver_id, content_hash FROM driver_event WHERE id = ANY($1::uuid[])', [ids]);
    const known = new Map(stored.map((row) => [row.id, row.driver_id === driverId ? row.content_hash : null]));
    const fresh: Candidate[] = [];
    for (const candidate of candidates) {
      const { id } = candidate.event;
      if (!known.has(id)) {
        known.set(id, candidate.contentHash);
        fresh.push(candidate);
      } else if (known.get(id) === candidate.contentHash) results.push({ index: candidate.index, id, outcome: 'duplicate' });
      else results.push({ index: candidate.index, id, outcome: 'rejected', reason: 'id_reused', message: `event ${id} was stored before with other content` });
    }
    return fresh;
  }

  private async judgeContext(driver: DriverPrincipal, candidates: Candidate[], sentAt: Date, receivedAt: Date): Promise<JudgeContext> {
    const events = candidates.map((candidate) => candidate.event);
    const routes = await this.routes.contexts(
      driver.countyId,
      events.map((event) => event.routeId),
    );
    const barcodes = [...new Set(events.flatMap((event) => (event.barcode === undefined ? [] : [event.barcode])))];
    const parcels = new Map((await this.parcels.parcelsByBarcode(driver.countyId, barcodes)).map((parcel) => [parcel.barcode, parcel]));
    const departing = events.filter((event) => event.type === 'departed' && event.stopId === undefined).map((event) => routes.get(event.routeId));
    const carried = departing.flatMap((route) => (route && route.driverId === driver.driverId ? route.stops.flatMap((stop) => stop.shipmentIds) : []));
    const directions = new Map(
      [...(await this.parcels.parcelsOf(driver.countyId, [...new Set(carried)])).entries()].flatMap(([id, list]) => (list[0] ? [[id, list[0].direction] as const] : [])),
    );
    const codeShipments = events.filter((event) => event.proof?.kind === 'recipient_code').flatMap((event) => parcels.get(event.barcode ?? '')?.shipmentId ?? []);
    const recipientCodes = new Map(await Promise.all([...new Set(codeShipments)].map(async (id) => [id, await this.recipientCodes.codeFor(id)] as const)));
    return {
      driverId: driver.driverId,
      routes,
      parcels,
      directions,
      proofRule: await this.policy.rule(driver.countyId),
      recipientCodes,
      disabledAt: await this.disabledAt(driver),
      sentAt,
      clockOffsetS: clockOffsetS(receivedAt, sentAt),
    };
  }

  /** The earliest of: the token's sync limit, the device's and the driver's disabling. */
  private async disabledAt(driver: DriverPrincipal): Promise<Date | null> {
    const device = await this.dataSource.getRepository(DriverDevice).findOneBy({ id: driver.deviceId });
    const { driver: fleetDriver, account } = await this.accounts.account(driver.countyId, driver.driverId);
    const limits = [driver.syncUntil, device?.disabledAt ?? null, this.accounts.disabledSince(fleetDriver, account)].filter((at): at is Date => at !== null);
    return limits.length === 0 ? null : new Date(Math.min(...limits.map((at) => at.getTime())));
  }

  private async store(
    manager: EntityManager,
    driver: DriverPrincipal,
    accepted: Array<Candidate & AcceptedEvent>,
    context: JudgeContext,
    receivedAt: Date,
  ): Promise<{ inserted: Set<string>; statusChanges: number }> {
    if (accepted.length === 0) return { inserted: new Set(), statusChanges: 0 };
    const rows = accepted.map(({ event, occurredAt, parcel, contentHash }) => ({
      id: event.id,
      route_id: event.routeId,
      stop_id: event.stopId ?? null,
      type: event.type,
      barcode: event.barcode ?? null,
      parcel_id: parcel?.parcelId ?? null,
      reason_code: event.reasonCode ?? null,
      recorded_at: event.recordedAt,
      occurred_at: occurredAt.toISOString(),
      lon: event.location?.coordinates[0] ?? null,
      lat: event.location?.coordinates[1] ?? null,
      accuracy: event.location?.accuracyM ?? null,
      proof_kind: event.proof?.kind ?? null,
      proof_sha256: event.proof && 'sha256' in event.proof ? event.proof.sha256 : null,
      cash: event.cashCollectedFen ?? null,
      note: event.note ?? null,
      content_hash: contentHash,
    }));
    // An INSERT ... RETURNING answers its rows; an id another sync stored meanwhile is simply not among them.
    const insertedRows: Array<{ id: string }> = await manager.query(
      `INSERT INTO driver_event (id, county_id, driver_id, device_id, route_id, stop_id, type, barcode, parcel_id, reason_code, recorded_at, occurred_at,
                                 clock_offset_s, received_at, location, location_accuracy_m, proof_kind, proof_sha256, cash_collected_fen, note, content_hash)
       SELECT e.id, $2, $3, $4, e.route_id, e.stop_id, e.type, e.barcode, e.parcel_id, e.reason_code, e.recorded_at, e.occurred_at, $5, $6,
              CASE WHEN e.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(e.lon, e.lat), 4326) END, e.accuracy, e.proof_kind, e.proof_sha256, e.cash, e.note, e.content_hash
         FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, route_id uuid, stop_id uuid, type text, barcode text, parcel_id uuid, reason_code text, recorded_at timestamptz,
              occurred_at timestamptz, lon float8, lat float8, accuracy int, proof_kind text, proof_sha256 text, cash bigint, note text, content_hash text)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [JSON.stringify(rows), driver.countyId, driver.driverId, driver.deviceId, context.clockOffsetS, receivedAt],
    );
    const inserted = new Set(insertedRows.map((row) => row.id));
    const stored = accepted.filter((candidate) => inserted.has(candidate.event.id));
    const links = stored.flatMap(({ event, links: eventLinks }) =>
      eventLinks.map((link) => ({ shipment_id: link.shipmentId, event_id: event.id, parcel_id: link.parcelId, implied_status: link.impliedStatus })),
    );
    if (links.length > 0) {
      await manager.query(
        `INSERT INTO driver_event_shipment (shipment_id, event_id, parcel_id, implied_status)
         SELECT l.shipment_id, l.event_id, l.parcel_id, l.implied_status FROM jsonb_to_recordset($1::jsonb) AS l(shipment_id uuid, event_id uuid, parcel_id uuid, implied_status text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(links)],
      );
    }
    const batch: StoredBatch = { countyId: driver.countyId, driverId: driver.driverId, routes: new Map(), shipmentIds: new Set(links.map((link) => link.shipment_id)) };
    for (const { event } of stored) {
      const backAtBase = event.type === 'arrived' && event.stopId === undefined;
      batch.routes.set(event.routeId, { backAtBase: backAtBase || (batch.routes.get(event.routeId)?.backAtBase ?? false) });
    }
    const statusChanges = await this.derived.apply(manager, batch, context.routes);
    // Delivered to every API process's listener when this transaction commits (the console's live runs page).
    if (stored.length > 0) {
      const update: RunUpdate = { countyId: driver.countyId, routeIds: [...batch.routes.keys()] };
      await manager.query('SELECT pg_notify($1, $2)', [RUN_UPDATES_CHANNEL, JSON.stringify(update)]);
    }
    return { inserted, statusChanges };
  }
}

function idOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}
