import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { DomainError, FieldProblem } from '../../infra/errors/domain-error';
import { CancelInputDto, ShipmentInputDto } from './shipment-input.dto';

export const MAX_BATCH_SHIPMENTS = 500;
export const WEBHOOK_EVENT_TYPES = ['create', 'update', 'cancel'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** For the OpenAPI document: a batch `{shipments}` or one event `{type, shipment}`. */
export class WebhookShipmentsBody {
  @ApiPropertyOptional({ type: [ShipmentInputDto], description: `a batch of 1..${MAX_BATCH_SHIPMENTS} shipments to create` })
  shipments?: ShipmentInputDto[];
  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, description: 'one event; with `shipment`' })
  type?: WebhookEventType;
  @ApiPropertyOptional({ description: 'ShipmentInput for create/update, {id, reason} for cancel', oneOf: [{ $ref: '#/components/schemas/ShipmentInputDto' }, { $ref: '#/components/schemas/CancelInputDto' }] })
  shipment?: ShipmentInputDto | CancelInputDto;
}

export type WebhookCommand =
  | { type: 'create'; shipments: ShipmentInputDto[]; raw: unknown[] }
  | { type: 'update'; shipment: ShipmentInputDto; raw: unknown }
  | { type: 'cancel'; cancel: CancelInputDto };

function problemsOf(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`;
    return Object.values(error.constraints ?? {})
      .map((message) => ({ field, message }))
      .concat(problemsOf(error.children ?? [], field));
  });
}

function check<T extends object>(cls: new () => T, value: unknown, field: string, problems: FieldProblem[]): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ field, message: `${field} must be an object` });
    return new cls();
  }
  const instance = plainToInstance(cls, value);
  problems.push(...problemsOf(validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }), field));
  return instance;
}

function fail(problems: FieldProblem[]): never {
  throw new DomainError('validation_failed', problems.slice(0, 20).map((p) => `${p.field}: ${p.message}`).join('; '), problems.slice(0, 100));
}

/** Validates the body against the branch it claims to be; every problem is reported, nothing is written. */
export function parseWebhookBody(body: unknown): WebhookCommand {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail([{ field: 'body', message: 'body must be a JSON object' }]);
  const record = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const extra = Object.keys(record).filter((key) => !['shipments', 'type', 'shipment'].includes(key));
  if (extra.length) fail(extra.map((key) => ({ field: key, message: `property ${key} should not exist` })));
  if ('shipments' in record) {
    const list = record.shipments;
    if (!Array.isArray(list) || list.length < 1 || list.length > MAX_BATCH_SHIPMENTS || 'type' in record || 'shipment' in record) {
      fail([{ field: 'shipments', message: `shipments must be an array of 1..${MAX_BATCH_SHIPMENTS} items, alone in the body` }]);
    }
    const shipments = list.map((item, index) => check(ShipmentInputDto, item, `shipments[${index}]`, problems));
    const ids = new Set<string>();
    shipments.forEach((shipment, index) => {
      if (ids.has(shipment.id)) problems.push({ field: `shipments[${index}].id`, message: `id ${shipment.id} appears twice in the batch` });
      ids.add(shipment.id);
    });
    if (problems.length) fail(problems);
    return { type: 'create', shipments, raw: list };
  }
  const type = record.type;
  if (!WEBHOOK_EVENT_TYPES.includes(type as WebhookEventType)) fail([{ field: 'type', message: `type must be one of ${WEBHOOK_EVENT_TYPES.join(', ')} (or send {shipments: [...]})` }]);
  if (type === 'cancel') {
    const cancel = check(CancelInputDto, record.shipment, 'shipment', problems);
    if (problems.length) fail(problems);
    return { type: 'cancel', cancel };
  }
  const shipment = check(ShipmentInputDto, record.shipment, 'shipment', problems);
  if (problems.length) fail(problems);
  return type === 'create' ? { type: 'create', shipments: [shipment], raw: [record.shipment] } : { type: 'update', shipment, raw: record.shipment };
}
