import { z } from 'zod';
import { DRIVER_EVENT_TYPES, FAILURE_REASONS } from './driver-event-types';

export const MAX_EVENTS_PER_BATCH = 200;
const ISO_8601_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
const instant = (example: string) =>
  z
    .string()
    .regex(ISO_8601_WITH_OFFSET, 'must be an ISO 8601 time with seconds and an offset, e.g. 2026-11-30T09:12:05+08:00')
    .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a real time')
    .meta({ example });

const location = z.strictObject({
  coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).meta({ example: [105.31, 34.02], description: '[longitude, latitude], WGS 84' }),
  accuracyM: z.int().min(0).max(100_000).optional().meta({ description: "the phone's accuracy estimate, metres" }),
});

const proof = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['photo', 'signature']),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be the lower-case hex SHA-256 of the file')
      .meta({ description: 'the file goes up on its own: PUT /v1/driver/proofs/{sha256}; the event may come first' }),
  }),
  z.strictObject({ kind: z.literal('recipient_code'), code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }),
]);

/** One event as recorded on the phone. */
export const driverEventSchema = z
  .strictObject({
    id: z.uuid().meta({ description: 'made on the phone when the event is recorded; the same id again is the same event' }),
    type: z.enum(DRIVER_EVENT_TYPES),
    routeId: z.uuid(),
    stopId: z.uuid().optional().meta({ description: 'departed / arrived: the stop; without it, the route’s base (leaving it, back at it)' }),
    barcode: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be a parcel barcode')
      .optional()
      .meta({ description: 'delivered, failed, picked_up, handed_to_station: the parcel' }),
    recordedAt: instant('2026-11-30T09:12:05+08:00').meta({ description: "the phone's clock when it happened" }),
    location: location.optional(),
    reasonCode: z.enum(FAILURE_REASONS).optional().meta({ description: 'required on failed' }),
    proof: proof.optional(),
    cashCollectedFen: z.int().min(0).max(1_000_000_000).optional().meta({ description: "delivered: the cash taken, fen; the parcel's cash on delivery when omitted" }),
    note: z.string().min(1).max(500).optional(),
  })
  .meta({ id: 'DriverEvent' });

export type DriverEventInput = z.output<typeof driverEventSchema>;

/** The batch: events are checked one by one (a bad event is refused alone); only the envelope can fail the request. */
export const eventBatchSchema = z
  .strictObject({
    sentAt: instant('2026-11-30T17:40:00+08:00').meta({ description: "the phone's clock when it sends the batch: corrects a phone clock that is off" }),
    events: z
      .array(z.unknown())
      .min(1)
      .max(MAX_EVENTS_PER_BATCH)
      .meta({ description: `1..${MAX_EVENTS_PER_BATCH} DriverEvent` }),
  })
  .meta({ id: 'DriverEventBatch' });
