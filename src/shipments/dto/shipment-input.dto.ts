import { z } from 'zod';
import { COORDINATE_SYSTEMS, toWgs84 } from '../../infra/geo/coordinate-system';
import { MAX_INT32 } from '../../infra/validation/input-rules';
import { normalizePhoneNumber, PHONE_NUMBER_RULE } from '../../infra/validation/phone-number';
import { SHIPMENT_DIRECTIONS } from '../shipment-status';

/**
 * The intake input shapes, written once: these zod schemas validate the webhook bodies on the hot
 * path (webhook-body.dto.ts), give the TypeScript types, and generate the OpenAPI schemas
 * (intake-openapi.ts). zod was chosen by measurement against the hand-written checker it replaces
 * and against class-validator + class-transformer; the figures are in the commit that brought it.
 */
export const SERVICE_LEVELS = ['standard', 'express', 'economy', 'scheduled'] as const;
export const MAX_PARCELS_PER_SHIPMENT = 50;
const MAX_MONEY_FEN = 1_000_000_000;
/** No platform promises a delivery before 2000: such a date is a default value or a unit error (seconds read as ms). */
export const EARLIEST_PROMISE = '2000-01-01T00:00:00Z';
const ISO_8601_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const integer = (min: number, max: number) => z.int().min(min).max(max);
const text = (min: number, max: number) => z.string().min(min).max(max);

const shipmentId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1-100 characters of A-Z a-z 0-9 . _ : -')
  .meta({ example: 'JD0001234567' });

const dimensions = z.strictObject({
  length: integer(1, 100_000).meta({ example: 30 }),
  width: integer(1, 100_000).meta({ example: 20 }),
  height: integer(1, 100_000).meta({ example: 15 }),
  unit: z.enum(['mm', 'cm']),
});

const MM_PER_UNIT = { mm: 1, cm: 10 } as const;

/** A side in millimetres. */
export const sideMm = (value: number, unit: keyof typeof MM_PER_UNIT) => value * MM_PER_UNIT[unit];

/** A parcel's volume in cm³, rounded up so a parcel never looks smaller than it is. */
export function parcelVolumeCm3(dimensions: { length: number; width: number; height: number; unit: keyof typeof MM_PER_UNIT }): number {
  const { length, width, height, unit } = dimensions;
  return Math.ceil((sideMm(length, unit) * sideMm(width, unit) * sideMm(height, unit)) / 1000);
}

const parcel = z.strictObject({
  barcode: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ -')
    .meta({ example: 'JD0001234567-1', description: 'the label the hub scans; unique in the county' }),
  weightG: integer(1, 1_000_000).meta({ example: 1200, description: 'grams' }),
  dimensions,
  declaredValueFen: integer(0, MAX_MONEY_FEN).optional().meta({ example: 5900, description: 'fen' }),
  cashOnDeliveryFen: integer(0, MAX_MONEY_FEN).optional().meta({ example: 0, description: 'cash to collect on delivery, fen' }),
});

/** Accepts the ways people write a number; yields the one stored form (E.164). */
const phoneNumber = z
  .string()
  .transform((value, context) => {
    const normalized = normalizePhoneNumber(value);
    if (normalized === null) context.addIssue({ code: 'custom', message: PHONE_NUMBER_RULE });
    return normalized ?? value;
  })
  .meta({ example: '138 0013 8000', description: 'spaces, dashes and +86 / 0086 allowed; stored in E.164 (+8613800138000); masked in logs and operator lists' });

const contact = z.strictObject({
  name: text(1, 100).meta({ example: '王小明' }),
  phone: phoneNumber,
});

const address = z.strictObject({
  county: text(1, 100).optional().meta({ example: '西和县' }),
  township: text(1, 100).optional().meta({ example: '长道镇' }),
  village: text(1, 100).optional().meta({ example: '何坝村' }),
  detail: text(1, 300).optional().meta({ example: '村委会旁小卖部' }),
});

const destination = z
  .strictObject({
    villageCode: z
      .string()
      .regex(/^\d{12}$/, 'must be exactly 12 digits')
      .optional()
      .meta({ example: '621225100201', description: '12-digit statistical village code; tried first' }),
    coordinate: z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
      .optional()
      .meta({ example: [105.3, 34.01], description: '[longitude, latitude] in coordinateSystem; nearest village point within 3 km' }),
    coordinateSystem: z
      .enum(COORDINATE_SYSTEMS)
      .optional()
      .meta({ description: "the coordinate's system (default wgs84): gcj02 for AMap / Tencent points, converted and stored as WGS 84" }),
    address: address.optional().meta({ description: 'matched by township + village name when the others do not resolve' }),
  })
  .refine((value) => value.villageCode !== undefined || value.coordinate !== undefined || value.address !== undefined, 'needs a villageCode, a coordinate or an address')
  // Only WGS 84 is kept: a GCJ-02 point is converted here, before it is matched or stored.
  .transform(({ coordinateSystem, ...rest }) => ({ ...rest, coordinate: rest.coordinate && toWgs84(rest.coordinate, coordinateSystem) }))
  .meta({ description: 'at least one of villageCode, coordinate, address' });

export const shipmentInputSchema = z
  .strictObject({
    id: shipmentId.meta({ description: "the platform's shipment id; intake is idempotent on it" }),
    direction: z.enum(SHIPMENT_DIRECTIONS).optional().meta({ description: 'inbound to a village (the default), or outbound_pickup of produce from it' }),
    serviceLevel: z.enum(SERVICE_LEVELS).optional().meta({ description: 'standard when omitted' }),
    promisedBy: z
      .string()
      .regex(ISO_8601_WITH_OFFSET, 'must be an ISO 8601 date-time with offset')
      .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real date')
      // A malformed value already has its problem above: one problem per field.
      .refine((value) => Number.isNaN(Date.parse(value)) || Date.parse(value) >= Date.parse(EARLIEST_PROMISE), 'must be 2000-01-01 or later')
      .optional()
      .meta({
        example: '2026-12-01T18:00:00+08:00',
        description:
          'deliver (or collect) by then: the planned arrival at the village is no later. From 2000 to a year ahead; one already past is accepted and flagged late. Without it the county default for the serviceLevel applies.',
      }),
    contact: contact.meta({ description: 'recipient (inbound) or sender (pickup)' }),
    destination,
    parcels: z
      .array(parcel)
      .min(1)
      .max(MAX_PARCELS_PER_SHIPMENT)
      // Each side may be up to 100,000 units, but the volumes are stored as integers: 100,000 cm
      // sides once overflowed the shipment's total and failed in PostgreSQL with a 500.
      .refine(
        (parcels) => parcels.reduce((total, item) => total + parcelVolumeCm3(item.dimensions), 0) <= MAX_INT32,
        `the parcels' volumes must add up to at most ${MAX_INT32} cm³`,
      ),
  })
  .meta({ id: 'ShipmentInput' });

export const cancelInputSchema = z
  .strictObject({
    id: shipmentId,
    reason: text(1, 300).optional().meta({ example: 'customer cancelled' }),
  })
  .meta({ id: 'CancelInput' });

export type ShipmentInputDto = z.output<typeof shipmentInputSchema>;
export type CancelInputDto = z.output<typeof cancelInputSchema>;
