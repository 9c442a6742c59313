import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Formats that more than one module's input must follow (network import and DTOs, fleet DTOs), kept
 * here so that a module checking a reference to another module's data need not import that module.
 */

/** An operator-chosen code of a node, vehicle or similar: letters, digits, `_`, `.`, `-`. */
export const NODE_CODE = /^[A-Za-z0-9_.-]+$/;
/** The 12-digit statistical division code (统计用区划代码). */
export const ADMIN_CODE = /^\d{12}$/;
/** The largest value an `integer` column holds. */
export const MAX_INT32 = 2_147_483_647;

/**
 * Text that PostgreSQL cannot store, checked on every JSON body and query string before any schema
 * runs (src/infra/http/json-body.ts): U+0000 (text and jsonb refuse it) and UTF-16 surrogates that
 * are not part of a pair (they have no UTF-8 form). Either reached the database as a 500 before.
 */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this rule looks for
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const STORABLE_TEXT_RULE = 'must not contain U+0000 or an unpaired UTF-16 surrogate (\\ud800-\\udfff)';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE_TEXT.test(text);
}

/**
 * Instants the service accepts from outside (promised delivery times, departure times): PostgreSQL
 * has no year 0 and JavaScript dates reach far past what a timestamptz holds, so a plausible range
 * is checked instead of letting the database refuse it.
 */
export const EARLIEST_INSTANT = new Date('2000-01-01T00:00:00Z');
export const LATEST_INSTANT = new Date('2100-01-01T00:00:00Z');
export const PLAUSIBLE_INSTANT_RULE = 'must be between 2000-01-01 and 2099-12-31';

export function isPlausibleInstant(text: string): boolean {
  const ms = Date.parse(text);
  return !Number.isNaN(ms) && ms >= EARLIEST_INSTANT.getTime() && ms < LATEST_INSTANT.getTime();
}

/** class-validator check of the same rule, for DTOs. */
export function IsPlausibleInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlausibleInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isPlausibleInstant(value),
        defaultMessage: (args) => `${args?.property ?? 'instant'} ${PLAUSIBLE_INSTANT_RULE}`,
      },
    },
    options,
  );
}
