import { ValidateBy, ValidationOptions } from 'class-validator';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * The one rule for phone numbers (shipment contacts, drivers, anything else with a phone): what is
 * accepted, and the one form that is stored — E.164, e.g. "+8613800138000". Numbers without a
 * country prefix are Chinese; "+86", "0086" and "86" before a mobile number are the same number.
 *
 * libphonenumber-js (Google's metadata) decides what is a possible number, for landlines with their
 * area codes and trunk 0 and for foreign numbers. Chinese mobile numbers — nearly every number the
 * intake sees — take a short path first: parsing costs ~20 µs a number, which a 500-shipment batch
 * on the intake's hot path would feel; the spec checks both paths agree.
 */

export const PHONE_NUMBER_RULE = 'must be a phone number: digits, optionally with spaces or dashes, and a country prefix (+86, 0086) or none for China';

/** What may be typed: digits, separators, one leading "+". Letters ("ext.", "call me") are refused. */
const PHONE_TEXT = /^\+?[0-9(][0-9 ().-]{3,28}[0-9]$/;
const SEPARATORS = /[ ().-]/g;
/** A Chinese mobile number (1, then 3-9, then 9 digits), with or without the country prefix. */
const CHINESE_MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;

/** The stored form, or null when `text` is not a phone number. */
export function normalizePhoneNumber(text: unknown): string | null {
  if (typeof text !== 'string' || !PHONE_TEXT.test(text)) return null;
  const mobile = CHINESE_MOBILE.exec(text.replace(SEPARATORS, ''));
  if (mobile) return `+86${mobile[1]}`;
  const parsed = parsePhoneNumberFromString(text, 'CN');
  return parsed?.isPossible() ? parsed.number : null;
}

/** class-validator check for DTOs; the service stores normalizePhoneNumber's result. */
export function IsPhoneNumberText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPhoneNumberText',
      validator: {
        validate: (value: unknown) => normalizePhoneNumber(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'phone'} ${PHONE_NUMBER_RULE}`,
      },
    },
    options,
  );
}
