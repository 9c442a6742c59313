import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { isDependencyUnavailable } from '../infra/errors/dependency-errors';
import { conflict, DomainError } from '../infra/errors/domain-error';
import { barcodeConflict } from './barcode-conflict';
import { DestinationResolverService } from './destination-resolver.service';
import { ShipmentInputDto } from './dto/shipment-input.dto';
import { EXISTING_SHIPMENTS_SQL, INSERT_SHIPMENTS_SQL } from './intake-sql';
import { normalizeShipment, NormalizedShipment, stampArrival } from './shipment-normalize';
import { Clock } from '../infra/clock/clock';
import { preparedQuery } from '../infra/database/prepared-query';
import { IntakeCoalescer } from './intake-coalescer';
import { FORGET_MESSAGE_SQL, IntakeSource, replayedMessage } from './platform-messages.service';

export interface IntakeItemResult {
  id: string;
  shipmentId: string;
  status: string;
  needsAttention: boolean;
  attentionReason: string | null;
  /** True when this request repeated one already accepted with the same content. */
  duplicate: boolean;
}

export interface IntakeResult {
  accepted: number;
  duplicates: number;
  needsAttention: number;
  results: IntakeItemResult[];
}

interface ShipmentRow {
  id: string;
  platform_id?: string;
  platform_shipment_id: string;
  content_hash?: string;
  status: string;
  needs_attention: boolean;
  attention_reason: string | null;
}

/** A row of INSERT_SHIPMENTS_SQL: the shipment with the county, platform and webhook-id of the push that brought it. */
interface IntakeRow extends NormalizedShipment {
  county_id: string;
  platform_id: string;
  webhook_id: string | null;
}

const RESOLVE_CONCURRENCY = 8;
const DEADLOCK_RETRIES = 3;
const INSERT_STATEMENT_NAME = 'shipment-intake-insert';

/** The row itself, completed in place: a copy of every field per push showed in the profile. */
function intakeRow(source: IntakeSource, row: NormalizedShipment): IntakeRow {
  const completed = row as IntakeRow;
  completed.county_id = source.countyId;
  completed.platform_id = source.platformId;
  completed.webhook_id = source.webhookId ?? null;
  return completed;
}
const pushKey = (platformId: string, platformShipmentId: string) => `${platformId} ${platformShipmentId}`;
/** Code-unit order: every intake sorts its rows the same way. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPlatformThenId = (a: IntakeRow, b: IntakeRow) => compareText(a.platform_id, b.platform_id) || compareText(a.platform_shipment_id, b.platform_shipment_id);

/**
 * The hot path of platform intake. Exactly-once comes from the unique constraint and
 * ON CONFLICT DO NOTHING inside one transaction with the events and outbox rows; a repeat is
 * recognised by its content hash. It talks to pg directly with a named (prepared) statement:
 * at hundreds of requests a second the ORM's per-query work shows.
 */
@Injectable()
export class ShipmentIntakeService {
  private readonly logger = new Logger(ShipmentIntakeService.name);
  private readonly coalescer = new IntakeCoalescer<IntakeRow, ShipmentRow>((rows) => this.insertCoalesced(rows));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resolver: DestinationResolverService,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates (or recognises as repeats) up to 500 validated shipments. `_raw` is accepted and ignored
   * (the hash is taken from the parsed input now); kept so existing callers keep compiling.
   */
  async create(source: IntakeSource, inputs: ShipmentInputDto[], _raw?: unknown[]): Promise<IntakeResult> {
    const now = this.clock.now();
    const normalized = inputs.map((input) => stampArrival(normalizeShipment(input), now));
    await this.resolveAll(source.countyId, normalized);
    const rows = [...normalized];
    rows.sort((a, b) => compareText(a.platform_shipment_id, b.platform_shipment_id));
    const stored = rows.length === 1 ? await this.insertSingle(source, rows[0]!) : await this.insertWithRetry(source, rows);
    const byId = new Map(stored.map((row) => [row.platform_shipment_id, row]));
    const results = normalized.map((item): IntakeItemResult => {
      const row = byId.get(item.platform_shipment_id)!;
      return {
        id: item.platform_shipment_id,
        shipmentId: row.id,
        status: row.status,
        needsAttention: row.needs_attention,
        attentionReason: row.attention_reason,
        duplicate: row.content_hash !== undefined,
      };
    });
    const duplicates = results.filter((result) => result.duplicate).length;
    return { accepted: results.length - duplicates, duplicates, needsAttention: results.filter((result) => result.needsAttention).length, results };
  }

  /** Fills in the village of each shipment, a few lookups at a time (codes mostly hit the cache). */
  private async resolveAll(countyId: string, items: NormalizedShipment[]): Promise<void> {
    for (let start = 0; start < items.length; start += RESOLVE_CONCURRENCY) {
      const chunk = items.slice(start, start + RESOLVE_CONCURRENCY);
      const resolved = await Promise.all(chunk.map((item) => this.resolver.resolve(countyId, item.destination)));
      chunk.forEach((item, index) => {
        const resolution = resolved[index]!;
        item.village_node_id = resolution.villageNodeId;
        item.resolved_by = resolution.resolvedBy;
        item.attention_reason = resolution.attentionReason;
      });
    }
  }

  /**
   * A single-shipment push goes with whatever other pushes are waiting (IntakeCoalescer). When that
   * statement failed, or inserted nothing for this push (a repeat, a conflict, a replay), the push is
   * settled on its own, which gives it its own answer.
   */
  private async insertSingle(source: IntakeSource, row: NormalizedShipment): Promise<ShipmentRow[]> {
    const stored = await this.coalescer.submit({ key: pushKey(source.platformId, row.platform_shipment_id), row: intakeRow(source, row) }).catch(() => null);
    return stored ? [stored] : this.insertWithRetry(source, [row]);
  }

  /** One statement for the pushes of several requests; claims the webhook-ids of the rows it inserted only. */
  private async insertCoalesced(rows: IntakeRow[]): Promise<Map<string, ShipmentRow>> {
    rows.sort(byPlatformThenId);
    const stored = await preparedQuery<ShipmentRow>(this.dataSource, INSERT_STATEMENT_NAME, INSERT_SHIPMENTS_SQL, [JSON.stringify(rows), false]);
    return new Map(stored.map((row) => [pushKey(row.platform_id!, row.platform_shipment_id), row]));
  }

  private async insertWithRetry(source: IntakeSource, rows: NormalizedShipment[]): Promise<ShipmentRow[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.insertOnce(source, rows);
      } catch (error) {
        // Two batches sharing ids in different transactions may still deadlock on the unique index; retry.
        if ((error as { code?: string }).code === '40P01' && attempt < DEADLOCK_RETRIES) continue;
        const replayed = replayedMessage(error, source);
        if (replayed) throw replayed;
        const barcodes = await barcodeConflict(
          error,
          this.dataSource,
          source.countyId,
          rows.flatMap((row) => row.parcels.map((parcel) => parcel.barcode)),
        );
        if (barcodes) this.logger.warn({ countyId: source.countyId, platformId: source.platformId }, 'parcel barcode collision');
        throw barcodes ?? error;
      }
    }
  }

  private async insertOnce(source: IntakeSource, rows: NormalizedShipment[]): Promise<ShipmentRow[]> {
    // The pg pool TypeORM already holds: a plain checkout, no QueryRunner bookkeeping per request.
    const client = await (this.dataSource.driver as unknown as { master: Pool }).master.connect();
    // A checked-out client has no listener of the pool's: without this one, PostgreSQL closing the
    // connection (a restart, pg_terminate_backend) emits an unhandled 'error' and ends the process.
    // The query in flight fails on its own; the broken client is destroyed on release, not pooled.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    // One shipment is one statement, atomic on its own: no BEGIN/COMMIT round trips. A conflict then
    // has written nothing either (the row already existed), so the answer is the same as in a batch.
    const explicitTransaction = rows.length > 1;
    try {
      if (explicitTransaction) await client.query('BEGIN');
      const inserted = await client.query<ShipmentRow>({
        name: INSERT_STATEMENT_NAME,
        text: INSERT_SHIPMENTS_SQL,
        values: [JSON.stringify(rows.map((row) => intakeRow(source, row))), true],
      });
      let existing: ShipmentRow[] = [];
      if (inserted.rows.length < rows.length) {
        const insertedIds = new Set(inserted.rows.map((row) => row.platform_shipment_id));
        const missing = rows.filter((row) => !insertedIds.has(row.platform_shipment_id));
        existing = (
          await client.query<ShipmentRow>({
            name: 'shipment-intake-existing',
            text: EXISTING_SHIPMENTS_SQL,
            values: [source.platformId, missing.map((row) => row.platform_shipment_id)],
          })
        ).rows;
        const hashes = new Map(missing.map((row) => [row.platform_shipment_id, row.content_hash]));
        const conflicting = existing.filter((row) => hashes.get(row.platform_shipment_id) !== row.content_hash).map((row) => row.platform_shipment_id);
        if (conflicting.length) {
          if (explicitTransaction) await client.query('ROLLBACK');
          // One shipment committed its webhook-id with its (empty) statement: release it, as a failed request does.
          else if (source.webhookId !== undefined) await client.query(FORGET_MESSAGE_SQL, [source.platformId, source.webhookId]);
          throw conflict(`shipment ids already used with different content: ${conflicting.slice(0, 20).join(', ')}; send changes as an update event`, {
            conflictingIds: conflicting,
          });
        }
      }
      if (explicitTransaction) await client.query('COMMIT');
      return [...inserted.rows, ...existing];
    } catch (error) {
      // Terminated by the server (57P01 and kin): the socket is about to close; do not pool the client.
      if (isDependencyUnavailable(error)) broken ??= error as Error;
      if (explicitTransaction && !(error instanceof DomainError) && !broken) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}
