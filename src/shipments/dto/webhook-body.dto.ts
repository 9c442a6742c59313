import { z } from 'zod';
import { DomainError, FieldProblem } from '../../infra/errors/domain-error';
import { problemsOf } from '../../infra/validation/zod-problems';
import { CancelInputDto, cancelInputSchema, ShipmentInputDto, shipmentInputSchema } from './shipment-input.dto';

export const MAX_BATCH_SHIPMENTS = 500;
export const WEBHOOK_EVENT_TYPES = ['create', 'update', 'cancel'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

const batchBody = z.strictObject({ shipments: z.array(shipmentInputSchema).min(1).max(MAX_BATCH_SHIPMENTS).meta({ description: 'a batch of shipments to create' }) });
const shipmentEventBody = z.strictObject({ type: z.enum(['create', 'update']), shipment: shipmentInputSchema });
const cancelEventBody = z.strictObject({ type: z.literal('cancel'), shipment: cancelInputSchema });

/** The three bodies the endpoint takes, for the OpenAPI document; parsing picks the branch first, for clear errors. */
export const webhookBodySchema = z.union([batchBody, shipmentEventBody, cancelEventBody]).meta({
  id: 'WebhookShipmentsBody',
  description: `a batch {shipments: [1..${MAX_BATCH_SHIPMENTS}]}, or one event {type: create | update, shipment} or {type: cancel, shipment: {id, reason}}`,
});

export type WebhookCommand = { type: 'create'; shipments: ShipmentInputDto[] } | { type: 'update'; shipment: ShipmentInputDto } | { type: 'cancel'; cancel: CancelInputDto };

function fail(problems: FieldProblem[]): never {
  const detail = problems
    .slice(0, 20)
    .map((problem) => `${problem.field}: ${problem.message}`)
    .join('; ');
  throw new DomainError('validation_failed', detail, problems.slice(0, 100));
}

function parsed<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (!result.success) fail(problemsOf(result.error));
  return result.data;
}

/** Ids and barcodes must be unique inside one batch (across batches the database decides). */
function checkBatchUniqueness(shipments: ShipmentInputDto[]): void {
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  const barcodes = new Set<string>();
  shipments.forEach((shipment, index) => {
    if (ids.has(shipment.id)) problems.push({ field: `shipments[${index}].id`, message: `${shipment.id} appears twice in the batch` });
    ids.add(shipment.id);
    shipment.parcels.forEach((parcel, parcelIndex) => {
      if (barcodes.has(parcel.barcode))
        problems.push({ field: `shipments[${index}].parcels[${parcelIndex}].barcode`, message: `barcode ${parcel.barcode} appears twice in the batch` });
      barcodes.add(parcel.barcode);
    });
  });
  if (problems.length) fail(problems);
}

/** A promise more than a year ahead of `now` (the Clock) is a typo or a unit error, not a promise. */
function checkPromiseHorizon(shipments: ShipmentInputDto[], now: Date, pathOf: (index: number) => string): void {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  const problems = shipments.flatMap((shipment, index) =>
    shipment.promisedBy !== undefined && Date.parse(shipment.promisedBy) > latest.getTime()
      ? [{ field: `${pathOf(index)}.promisedBy`, message: `must be at most a year ahead (${latest.toISOString()} or earlier)` }]
      : [],
  );
  if (problems.length) fail(problems);
}

/**
 * Validates the body against the branch it claims to be; every problem is reported, nothing is written.
 * `now` is the Clock's: promises are checked against it.
 */
export function parseWebhookBody(body: unknown, now: Date): WebhookCommand {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail([{ field: 'body', message: 'must be a JSON object' }]);
  if ('shipments' in body) {
    const list = body.shipments;
    if (!Array.isArray(list) || list.length < 1 || list.length > MAX_BATCH_SHIPMENTS || 'type' in body || 'shipment' in body) {
      fail([{ field: 'shipments', message: `must be an array of 1..${MAX_BATCH_SHIPMENTS} items, alone in the body` }]);
    }
    const { shipments } = parsed(batchBody, body);
    checkBatchUniqueness(shipments);
    checkPromiseHorizon(shipments, now, (index) => `shipments[${index}]`);
    return { type: 'create', shipments };
  }
  const type = (body as { type?: unknown }).type;
  if (type === 'cancel') return { type: 'cancel', cancel: parsed(cancelEventBody, body).shipment };
  if (type !== 'create' && type !== 'update') fail([{ field: 'type', message: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')} (or send {shipments: [...]})` }]);
  const { shipment } = parsed(shipmentEventBody, body);
  checkPromiseHorizon([shipment], now, () => 'shipment');
  return type === 'create' ? { type: 'create', shipments: [shipment] } : { type: 'update', shipment };
}
