import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { validationFailed } from '../infra/errors/domain-error';
import { ShipmentEventType } from './shipment-event-types';
import { ShipmentStatus } from './shipment-status';

export interface NewShipmentEvent {
  countyId: string;
  platformId: string;
  shipmentId: string;
  type: ShipmentEventType;
  fromStatus: ShipmentStatus | null;
  toStatus: ShipmentStatus;
  payload: Record<string, unknown>;
}

/** The envelope platforms receive, by webhook and by the pull feed alike. */
export interface EventEnvelope {
  id: string;
  type: ShipmentEventType;
  created: string;
  countyId: string;
  data: Record<string, unknown>;
}

export interface StoredEvent {
  eventId: string;
  countyId: string;
  platformId: string;
  type: ShipmentEventType;
}

interface EventRow {
  id: string;
  tx_id: string;
  county_id: string;
  platform_id: string;
  type: ShipmentEventType;
  payload: Record<string, unknown>;
  created_at: Date;
}

export const toEnvelope = (row: EventRow): EventEnvelope => ({
  id: `evt_${row.id}`,
  type: row.type,
  created: new Date(row.created_at).toISOString(),
  countyId: row.county_id,
  data: row.payload,
});

/** pg's own transaction id: the feed only serves rows whose transaction is older than every running one. */
export const CURRENT_TX_ID_SQL = 'pg_current_xact_id()::text::bigint';

/**
 * Owns shipment_event and shipment_outbox: appending (always both rows, in the caller's transaction),
 * the pull feed, and the outbox hand-over to the relay.
 */
@Injectable()
export class ShipmentEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, event: NewShipmentEvent): Promise<string> {
    const rows: Array<{ id: string }> = await manager.query(
      `WITH ev AS (
         INSERT INTO shipment_event (tx_id, county_id, platform_id, shipment_id, type, from_status, to_status, payload)
         VALUES (${CURRENT_TX_ID_SQL}, $1, $2, $3, $4, $5, $6, $7) RETURNING id, county_id)
       INSERT INTO shipment_outbox (event_id, county_id) SELECT id, county_id FROM ev RETURNING event_id AS id`,
      [event.countyId, event.platformId, event.shipmentId, event.type, event.fromStatus, event.toStatus, JSON.stringify(event.payload)],
    );
    return rows[0]!.id;
  }

  /**
   * Events after the cursor in commit-safe order. The cursor is "<txId>.<id>" of the last event seen;
   * a transaction still running blocks everything after it, so nothing committed late is skipped.
   */
  async feed(filter: { countyId: string; platformId: string | null; after: string | null; limit: number }): Promise<{ events: EventEnvelope[]; nextCursor: string | null }> {
    const [afterTx, afterId] = parseCursor(filter.after);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT id, tx_id, county_id, platform_id, type, payload, created_at FROM shipment_event
        WHERE county_id = $1 AND ($2::uuid IS NULL OR platform_id = $2)
          AND (tx_id, id) > ($3::bigint, $4::bigint)
          AND tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
        ORDER BY tx_id, id LIMIT $5`,
      [filter.countyId, filter.platformId, afterTx, afterId, filter.limit],
    );
    const last = rows[rows.length - 1];
    return { events: rows.map(toEnvelope), nextCursor: last ? `${last.tx_id}.${last.id}` : filter.after };
  }

  async envelope(eventId: string): Promise<(EventEnvelope & { platformId: string }) | null> {
    const rows: EventRow[] = await this.dataSource.query('SELECT id, tx_id, county_id, platform_id, type, payload, created_at FROM shipment_event WHERE id = $1', [eventId]);
    return rows[0] ? { ...toEnvelope(rows[0]), platformId: rows[0].platform_id } : null;
  }

  /** Locks up to `limit` unrelayed outbox rows for the caller's transaction (other relays skip them). */
  async claimUnrelayed(manager: EntityManager, limit: number): Promise<StoredEvent[]> {
    const rows: Array<{ id: string; county_id: string; platform_id: string; type: ShipmentEventType }> = await manager.query(
      `SELECT e.id, e.county_id, e.platform_id, e.type FROM shipment_event e
         JOIN (SELECT event_id FROM shipment_outbox WHERE relayed_at IS NULL ORDER BY event_id LIMIT $1 FOR UPDATE SKIP LOCKED) o
           ON o.event_id = e.id ORDER BY e.id`,
      [limit],
    );
    return rows.map((row) => ({ eventId: row.id, countyId: row.county_id, platformId: row.platform_id, type: row.type }));
  }

  async markRelayed(manager: EntityManager, eventIds: string[]): Promise<void> {
    await manager.query('UPDATE shipment_outbox SET relayed_at = now() WHERE event_id = ANY($1::bigint[])', [eventIds]);
  }

  async historyOf(countyId: string, shipmentId: string): Promise<EventEnvelope[]> {
    const rows: EventRow[] = await this.dataSource.query(
      'SELECT id, tx_id, county_id, platform_id, type, payload, created_at FROM shipment_event WHERE county_id = $1 AND shipment_id = $2 ORDER BY id',
      [countyId, shipmentId],
    );
    return rows.map(toEnvelope);
  }
}

function parseCursor(cursor: string | null): [string, string] {
  if (!cursor) return ['0', '0'];
  const match = /^(\d{1,19})\.(\d{1,19})$/.exec(cursor);
  if (!match) throw validationFailed('after must be a cursor returned by a previous page ("<n>.<n>")', [{ field: 'after', message: 'malformed cursor' }]);
  return [match[1]!, match[2]!];
}
