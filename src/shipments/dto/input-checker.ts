import { FieldProblem } from '../../infra/errors/domain-error';

type Plain = Record<string, unknown>;

/**
 * A small, allocation-light validator for the intake hot path (class-validator + class-transformer
 * cost several milliseconds per 100-shipment batch). Collects every problem with its field path.
 */
export class InputChecker {
  readonly problems: FieldProblem[] = [];

  fail(field: string, message: string): undefined {
    this.problems.push({ field, message });
    return undefined;
  }

  /** A plain object whose keys are all in `allowed`; unknown keys are problems (forbidNonWhitelisted). */
  object(value: unknown, field: string, allowed: readonly string[]): Plain | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.fail(field, `${field} must be an object`);
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.fail(`${field}.${key}`, `property ${key} should not exist`);
    return value as Plain;
  }

  string(value: unknown, field: string, pattern: RegExp, rule: string): string | undefined {
    if (typeof value !== 'string') return this.fail(field, `${field} must be a string`);
    return pattern.test(value) ? value : this.fail(field, `${field} ${rule}`);
  }

  length(value: unknown, field: string, min: number, max: number): string | undefined {
    if (typeof value !== 'string') return this.fail(field, `${field} must be a string`);
    return value.length >= min && value.length <= max ? value : this.fail(field, `${field} must be ${min} to ${max} characters long`);
  }

  integer(value: unknown, field: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.fail(field, `${field} must be an integer number`);
    if (value < min) return this.fail(field, `${field} must not be less than ${min}`);
    if (value > max) return this.fail(field, `${field} must not be greater than ${max}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
    return allowed.includes(value as T) ? (value as T) : this.fail(field, `${field} must be one of the following values: ${allowed.join(', ')}`);
  }

  optional<T>(value: unknown, check: (value: unknown) => T | undefined): T | undefined {
    return value === undefined ? undefined : check(value);
  }
}
