import { InvalidProblemError, ProfileMatrices, TimeWindow } from '../model/problem';

/**
 * What the Solomon (and Gehring-Homberger) and Li & Lim files share: whitespace-separated numeric
 * rows, one per site, with real-valued Euclidean coordinates, times and distances. Both keep three
 * decimals as integers and round travel times up, so that a schedule feasible in integers is
 * feasible for the real-valued verifier.
 */

/** Real-valued benchmark distances and times keep three decimals as integer "metres" / "seconds". */
export const SOLOMON_STYLE_SCALE = 1000;

export interface NumericRow {
  numbers: number[];
  /** 1-based line number in the file, for error messages. */
  line: number;
}

/**
 * The numbers of one site row, or InvalidProblemError naming the line and the first field that is
 * not a number (or the expected fields when the count is wrong). `what` names a row: "customer", "task".
 */
export function readNumericRow(text: string, line: number, what: string, fields: readonly string[]): NumericRow {
  const numbers = text.split(/\s+/).map(Number);
  const bad = numbers.findIndex((x) => !Number.isFinite(x));
  if (numbers.length !== fields.length || bad >= 0) {
    const detail = bad >= 0 ? `field ${fields[bad] ?? bad + 1} is not a number` : `expected ${fields.length} fields: ${fields.join(' ')}`;
    throw new InvalidProblemError(`cannot read ${what} row "${text}" (${detail})`, `line ${line}`);
  }
  return { numbers, line };
}

/**
 * Scaled Euclidean matrices: distance rounded to the nearest integer, travel time (distance / speed)
 * rounded up.
 */
export function euclideanMatrices(coordinates: ReadonlyArray<readonly [number, number]>, speed = 1): ProfileMatrices {
  const size = coordinates.length;
  const distanceM = new Int32Array(size * size);
  const durationS = new Int32Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const d = Math.hypot(coordinates[i][0] - coordinates[j][0], coordinates[i][1] - coordinates[j][1]) * SOLOMON_STYLE_SCALE;
      distanceM[i * size + j] = Math.round(d);
      durationS[i * size + j] = Math.ceil(d / speed - 1e-6);
    }
  }
  return { size, distanceM, durationS };
}

/** A time window read from the file, scaled to integers. */
export function scaledWindow(earliest: number, latest: number): TimeWindow {
  return { startS: Math.round(earliest * SOLOMON_STYLE_SCALE), endS: Math.round(latest * SOLOMON_STYLE_SCALE) };
}

/** A service time read from the file, scaled to an integer. */
export function scaledDuration(value: number): number {
  return Math.round(value * SOLOMON_STYLE_SCALE);
}
