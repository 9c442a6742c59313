import { DataSource, EntityManager } from 'typeorm';
import { uniqueViolation } from '../infra/database/unique-violation';
import { conflict, DomainError } from '../infra/errors/domain-error';

/** shipment_parcel's unique (county_id, barcode), as TypeORM named it in the migration. */
const BARCODE_CONSTRAINT = 'UQ_0c6b62112eea147c70a5ba501f0';

/**
 * A barcode collision as the platform should read it: which of its own barcodes are taken, found by
 * asking again rather than by quoting PostgreSQL's detail (`Key (county_id, barcode)=(…)` names the
 * county's internal id and is the kind of text that must not travel). Null when `error` is anything else.
 */
export async function barcodeConflict(error: unknown, reader: DataSource | EntityManager, countyId: string, barcodes: string[]): Promise<DomainError | null> {
  if (uniqueViolation(error)?.constraint !== BARCODE_CONSTRAINT) return null;
  const taken: Array<{ barcode: string }> = await reader.query(`SELECT barcode FROM shipment_parcel WHERE county_id = $1 AND barcode = ANY($2::text[]) ORDER BY barcode LIMIT 20`, [
    countyId,
    barcodes,
  ]);
  const named = taken.map((row) => row.barcode);
  return conflict(`a parcel barcode is already used by another shipment in this county${named.length ? `: ${named.join(', ')}` : ''}`, { barcodes: named });
}
