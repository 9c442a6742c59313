import { InvalidArgumentError } from 'commander';
import { USERNAME_PATTERN, USERNAME_RULE } from '../operators/username';

/**
 * Value parsers for commander options. Commander names the flag in its message
 * ("option '--threads <n>' argument '0' is invalid. …"), so these only say what was expected.
 */
export function integerBetween(min: number, max = Number.MAX_SAFE_INTEGER): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value)) throw new InvalidArgumentError(`must be an integer, got "${raw}"`);
    if (value < min || value > max) throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `must be an integer >= ${min}` : `must be between ${min} and ${max}`);
    return value;
  };
}

export function positiveNumber(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`must be a positive number, got "${raw}"`);
  return value;
}

/** `--county <adminCode>`: the county's 6-digit administrative division code, the one county flag of every command. */
export function countyAdminCode(raw: string): string {
  if (!/^\d{6}$/.test(raw)) throw new InvalidArgumentError(`must be a 6-digit admin code, got "${raw}"`);
  return raw;
}

/** An IANA time zone the runtime knows, e.g. Asia/Shanghai. */
export function timeZoneName(raw: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    throw new InvalidArgumentError(`must be an IANA time zone such as Asia/Shanghai, got "${raw}"`);
  }
}

/** Free text of bounded length (labels, names), trimmed. */
export function textOfLength(min: number, max: number): (raw: string) => string {
  return (raw) => {
    const value = raw.trim();
    if (value.length < min || value.length > max) throw new InvalidArgumentError(`must be ${min} to ${max} characters, got ${value.length}`);
    return value;
  };
}

/** A console account's username, in lower case (the API's rule). */
export function username(raw: string): string {
  const value = raw.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(value)) throw new InvalidArgumentError(USERNAME_RULE);
  return value;
}
