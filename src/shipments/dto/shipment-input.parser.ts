import { COORDINATE_SYSTEMS, toWgs84 } from '../../infra/geo/coordinate-system';
import { SHIPMENT_DIRECTIONS } from '../shipment-status';
import { InputChecker } from './input-checker';
import { CancelInputDto, SERVICE_LEVELS, ShipmentInputDto } from './shipment-input.dto';

/** The rules the DTO classes document for OpenAPI, checked by hand on the hot path. Keep both in step. */
const ID = /^[A-Za-z0-9._:-]{1,100}$/;
const BARCODE = /^[A-Za-z0-9._-]{1,64}$/;
const PHONE = /^\+?[0-9 -]{5,20}$/;
const VILLAGE_CODE = /^\d{12}$/;
const ISO_8601_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const MAX_MONEY_FEN = 1_000_000_000;

function coordinate(check: InputChecker, value: unknown, field: string): [number, number] | undefined {
  const valid =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    Math.abs(value[0] as number) <= 180 &&
    Math.abs(value[1] as number) <= 90;
  return valid ? (value as [number, number]) : check.fail(field, `${field} must be [longitude, latitude] with longitude in [-180, 180] and latitude in [-90, 90]`);
}

function parcel(check: InputChecker, value: unknown, field: string) {
  const raw = check.object(value, field, ['barcode', 'weightG', 'dimensions', 'declaredValueFen', 'cashOnDeliveryFen']);
  if (!raw) return undefined;
  const dimensions = check.object(raw.dimensions, `${field}.dimensions`, ['length', 'width', 'height', 'unit']);
  return {
    barcode: check.string(raw.barcode, `${field}.barcode`, BARCODE, 'must be 1-64 characters of A-Z a-z 0-9 . _ -')!,
    weightG: check.integer(raw.weightG, `${field}.weightG`, 1, 1_000_000)!,
    dimensions: {
      length: check.integer(dimensions?.length, `${field}.dimensions.length`, 1, 100_000)!,
      width: check.integer(dimensions?.width, `${field}.dimensions.width`, 1, 100_000)!,
      height: check.integer(dimensions?.height, `${field}.dimensions.height`, 1, 100_000)!,
      unit: check.oneOf(dimensions?.unit, `${field}.dimensions.unit`, ['mm', 'cm'] as const)!,
    },
    declaredValueFen: check.optional(raw.declaredValueFen, (v) => check.integer(v, `${field}.declaredValueFen`, 0, MAX_MONEY_FEN)),
    cashOnDeliveryFen: check.optional(raw.cashOnDeliveryFen, (v) => check.integer(v, `${field}.cashOnDeliveryFen`, 0, MAX_MONEY_FEN)),
  };
}

function destination(check: InputChecker, value: unknown, field: string): ShipmentInputDto['destination'] {
  const raw = check.object(value, field, ['villageCode', 'coordinate', 'coordinateSystem', 'address']) ?? {};
  const system = check.optional(raw.coordinateSystem, (v) => check.oneOf(v, `${field}.coordinateSystem`, COORDINATE_SYSTEMS)) ?? 'wgs84';
  // Only WGS 84 is kept: a GCJ-02 point (AMap, Tencent) is converted here, before matching or storing.
  const point = check.optional(raw.coordinate, (v) => coordinate(check, v, `${field}.coordinate`));
  const address = check.optional(raw.address, (v) => check.object(v, `${field}.address`, ['county', 'township', 'village', 'detail']));
  const name = (key: string, max: number) => check.optional(address?.[key], (v) => check.length(v, `${field}.address.${key}`, 1, max));
  const parsed = {
    villageCode: check.optional(raw.villageCode, (v) => check.string(v, `${field}.villageCode`, VILLAGE_CODE, 'must be exactly 12 digits')),
    coordinate: point && toWgs84(point, system),
    address: address ? { county: name('county', 100), township: name('township', 100), village: name('village', 100), detail: name('detail', 300) } : undefined,
  };
  if (raw.villageCode === undefined && raw.coordinate === undefined && raw.address === undefined) {
    check.fail(field, `${field} needs a villageCode, a coordinate or an address`);
  }
  return parsed;
}

export function parseShipmentInput(check: InputChecker, value: unknown, field: string): ShipmentInputDto {
  const raw = check.object(value, field, ['id', 'direction', 'serviceLevel', 'promisedBy', 'contact', 'destination', 'parcels']) ?? {};
  const contact = check.object(raw.contact, `${field}.contact`, ['name', 'phone']);
  const parcels = raw.parcels;
  if (!Array.isArray(parcels) || parcels.length < 1 || parcels.length > 50) check.fail(`${field}.parcels`, `${field}.parcels must be an array of 1 to 50 parcels`);
  const promisedBy = check.optional(raw.promisedBy, (v) => check.string(v, `${field}.promisedBy`, ISO_8601_WITH_OFFSET, 'must be an ISO 8601 date-time with offset'));
  if (promisedBy && Number.isNaN(Date.parse(promisedBy))) check.fail(`${field}.promisedBy`, `${field}.promisedBy is not a real date`);
  return {
    id: check.string(raw.id, `${field}.id`, ID, 'must be 1-100 characters of A-Z a-z 0-9 . _ : -')!,
    direction: check.optional(raw.direction, (v) => check.oneOf(v, `${field}.direction`, SHIPMENT_DIRECTIONS)),
    serviceLevel: check.optional(raw.serviceLevel, (v) => check.oneOf(v, `${field}.serviceLevel`, SERVICE_LEVELS)),
    promisedBy,
    contact: {
      name: check.length(contact?.name, `${field}.contact.name`, 1, 100)!,
      phone: check.string(contact?.phone, `${field}.contact.phone`, PHONE, 'must be a phone number (5-20 digits)')!,
    },
    destination: destination(check, raw.destination, `${field}.destination`),
    parcels: Array.isArray(parcels) ? parcels.map((item, index) => parcel(check, item, `${field}.parcels[${index}]`)!) : [],
  };
}

export function parseCancelInput(check: InputChecker, value: unknown, field: string): CancelInputDto {
  const raw = check.object(value, field, ['id', 'reason']) ?? {};
  return {
    id: check.string(raw.id, `${field}.id`, ID, 'must be 1-100 characters of A-Z a-z 0-9 . _ : -')!,
    reason: check.optional(raw.reason, (v) => check.length(v, `${field}.reason`, 1, 300)),
  };
}
