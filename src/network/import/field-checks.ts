import { FieldProblem } from '../../infra/errors/domain-error';

/**
 * Collects every problem of a document instead of stopping at the first, so one 400 lists them all
 * with the path of each offending value.
 */
export class ProblemCollector {
  readonly problems: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.problems.push({ field, message });
  }

  get count(): number {
    return this.problems.length;
  }

  requiredString(field: string, value: unknown, maxLength: number, pattern?: RegExp): string | undefined {
    if (typeof value !== 'string' || value.length === 0) return this.fail(field, 'must be a non-empty string');
    if (value.length > maxLength) return this.fail(field, `must be at most ${maxLength} characters`);
    if (pattern && !pattern.test(value)) return this.fail(field, `must match ${pattern.source}`);
    return value;
  }

  optionalString(field: string, value: unknown, maxLength: number, pattern?: RegExp): string | null | undefined {
    if (value === undefined || value === null) return null;
    return this.requiredString(field, value, maxLength, pattern);
  }

  /** Integers only: 12.5 m, "12", NaN and Infinity are refused rather than rounded. */
  optionalInteger(field: string, value: unknown, min: number, max: number): number | null | undefined {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.fail(field, 'must be an integer');
    if (value < min || value > max) return this.fail(field, `must be between ${min} and ${max}`);
    return value;
  }

  optionalBoolean(field: string, value: unknown): boolean | undefined {
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') return this.fail(field, 'must be true or false');
    return value;
  }

  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      return this.fail(field, `must be one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  /**
   * A WGS 84 position. Checked here, not in PostGIS: PostGIS wraps longitude 200 to -160 and stores
   * 1e400 (which JSON.parse reads as Infinity) without complaint.
   */
  position(field: string, value: unknown): [number, number] | undefined {
    if (!Array.isArray(value) || value.length < 2 || value.length > 3) return this.fail(field, 'must be [longitude, latitude] or [longitude, latitude, elevation]');
    const [lon, lat, elevation] = value as unknown[];
    if (typeof lon !== 'number' || !Number.isFinite(lon)) return this.fail(`${field}[0]`, 'longitude must be a finite number');
    if (typeof lat !== 'number' || !Number.isFinite(lat)) return this.fail(`${field}[1]`, 'latitude must be a finite number');
    if (lon < -180 || lon > 180) return this.fail(`${field}[0]`, `longitude ${lon} is outside [-180, 180]`);
    if (lat < -90 || lat > 90) return this.fail(`${field}[1]`, `latitude ${lat} is outside [-90, 90]`);
    if (elevation !== undefined && (typeof elevation !== 'number' || !Number.isFinite(elevation))) {
      return this.fail(`${field}[2]`, 'elevation must be a finite number');
    }
    return [lon, lat];
  }

  private fail(field: string, message: string): undefined {
    this.add(field, message);
    return undefined;
  }
}

export const NODE_CODE = /^[A-Za-z0-9_.-]+$/;
export const ADMIN_CODE = /^\d{12}$/;
export const MAX_INT32 = 2_147_483_647;
