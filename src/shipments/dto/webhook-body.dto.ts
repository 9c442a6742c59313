import { ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError, FieldProblem } from '../../infra/errors/domain-error';
import { InputChecker } from './input-checker';
import { CancelInputDto, ShipmentInputDto } from './shipment-input.dto';
import { parseCancelInput, parseShipmentInput } from './shipment-input.parser';

export const MAX_BATCH_SHIPMENTS = 500;
export const WEBHOOK_EVENT_TYPES = ['create', 'update', 'cancel'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** For the OpenAPI document: a batch `{shipments}` or one event `{type, shipment}`. */
export class WebhookShipmentsBody {
  @ApiPropertyOptional({ type: [ShipmentInputDto], description: `a batch of 1..${MAX_BATCH_SHIPMENTS} shipments to create` })
  shipments?: ShipmentInputDto[];
  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, description: 'one event; with `shipment`' })
  type?: WebhookEventType;
  @ApiPropertyOptional({
    description: 'ShipmentInput for create/update, {id, reason} for cancel',
    oneOf: [{ $ref: '#/components/schemas/ShipmentInputDto' }, { $ref: '#/components/schemas/CancelInputDto' }],
  })
  shipment?: ShipmentInputDto | CancelInputDto;
}

export type WebhookCommand =
  | { type: 'create'; shipments: ShipmentInputDto[] }
  | { type: 'update'; shipment: ShipmentInputDto }
  | { type: 'cancel'; cancel: CancelInputDto };

function fail(problems: FieldProblem[]): never {
  throw new DomainError('validation_failed', problems.slice(0, 20).map((p) => p.message).join('; '), problems.slice(0, 100));
}

/** Ids and barcodes must be unique inside one batch (across batches the database decides). */
function checkBatchUniqueness(check: InputChecker, shipments: ShipmentInputDto[]): void {
  const ids = new Set<string>();
  const barcodes = new Set<string>();
  shipments.forEach((shipment, index) => {
    if (ids.has(shipment.id)) check.fail(`shipments[${index}].id`, `shipments[${index}].id ${shipment.id} appears twice in the batch`);
    ids.add(shipment.id);
    shipment.parcels.forEach((parcel, parcelIndex) => {
      if (parcel && barcodes.has(parcel.barcode)) check.fail(`shipments[${index}].parcels[${parcelIndex}].barcode`, `barcode ${parcel.barcode} appears twice in the batch`);
      if (parcel) barcodes.add(parcel.barcode);
    });
  });
}

/** Validates the body against the branch it claims to be; every problem is reported, nothing is written. */
export function parseWebhookBody(body: unknown): WebhookCommand {
  const check = new InputChecker();
  const record = check.object(body, 'body', ['shipments', 'type', 'shipment']);
  if (!record || check.problems.length) fail(check.problems);
  if ('shipments' in record) {
    const list = record.shipments;
    if (!Array.isArray(list) || list.length < 1 || list.length > MAX_BATCH_SHIPMENTS || 'type' in record || 'shipment' in record) {
      fail([{ field: 'shipments', message: `shipments must be an array of 1..${MAX_BATCH_SHIPMENTS} items, alone in the body` }]);
    }
    const shipments = list.map((item, index) => parseShipmentInput(check, item, `shipments[${index}]`));
    if (!check.problems.length) checkBatchUniqueness(check, shipments);
    if (check.problems.length) fail(check.problems);
    return { type: 'create', shipments };
  }
  const type = check.oneOf(record.type, 'type', WEBHOOK_EVENT_TYPES);
  if (!type) fail([{ field: 'type', message: `type must be one of ${WEBHOOK_EVENT_TYPES.join(', ')} (or send {shipments: [...]})` }]);
  if (type === 'cancel') {
    const cancel = parseCancelInput(check, record.shipment, 'shipment');
    if (check.problems.length) fail(check.problems);
    return { type: 'cancel', cancel };
  }
  const shipment = parseShipmentInput(check, record.shipment, 'shipment');
  if (check.problems.length) fail(check.problems);
  return type === 'create' ? { type: 'create', shipments: [shipment] } : { type: 'update', shipment };
}
