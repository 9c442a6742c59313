import { ByRoadClass, RoadClass, Surface, VehicleClass } from './road-types';

/**
 * Travel speed of one vehicle class on one road edge: a flat-road speed from road class and surface,
 * capped uphill by the power the loaded vehicle has per kilogram, and slowed on steep descents.
 * The numbers and the reasons for them are in README.md next to this file; keep the two in step.
 */
export interface VehicleSpeedProfile {
  /** Flat, paved speed by road class in km/h; `null` where the class may not drive (motorways). */
  pavedSpeedKmh: ByRoadClass<number | null>;
  /** Multiplier on the paved speed by (resolved) surface. */
  surfaceFactor: Record<Exclude<Surface, 'unknown'>, number>;
  /** Effective power at the wheels per kilogram of loaded vehicle, W/kg; it sets the climbing speed. */
  specificPowerWPerKg: number;
  /** Speed lost per unit of descent grade above DESCENT_FREE_GRADE (braking, hairpins). */
  descentSlowdownPerGrade: number;
}

export type TravelTimeModel = Record<VehicleClass, VehicleSpeedProfile>;

const GRAVITY_M_PER_S2 = 9.81;
/** Rolling resistance on a road surface; it keeps the climbing cap finite on flat roads. */
const ROLLING_RESISTANCE = 0.02;
/** Descents up to this grade are driven at the flat speed. */
export const DESCENT_FREE_GRADE = 0.04;
/** Steep descents never slow a vehicle below this share of its flat speed. */
const DESCENT_FLOOR_FACTOR = 0.5;
/**
 * Grades are clamped here: elevation sampled from a 90 m DEM makes very short edges look like walls,
 * and no public road is steeper than about 25 %.
 */
export const MAX_GRADE = 0.25;

/** What an edge of unknown surface most likely is, by road class (mapped roads of these classes). */
export const UNKNOWN_SURFACE_AS: ByRoadClass<Exclude<Surface, 'unknown'>> = {
  motorway: 'paved',
  trunk: 'paved',
  primary: 'paved',
  secondary: 'paved',
  tertiary: 'paved',
  unclassified: 'paved',
  residential: 'paved',
  service: 'paved',
  track: 'gravel',
};

export const DEFAULT_TRAVEL_TIME_MODEL: TravelTimeModel = {
  truck: {
    pavedSpeedKmh: { motorway: 80, trunk: 65, primary: 50, secondary: 42, tertiary: 35, unclassified: 28, residential: 20, service: 12, track: 22 },
    surfaceFactor: { paved: 1, gravel: 0.7, dirt: 0.45 },
    specificPowerWPerKg: 8,
    descentSlowdownPerGrade: 4,
  },
  van: {
    pavedSpeedKmh: { motorway: 90, trunk: 75, primary: 60, secondary: 50, tertiary: 42, unclassified: 35, residential: 25, service: 15, track: 32 },
    surfaceFactor: { paved: 1, gravel: 0.78, dirt: 0.5 },
    specificPowerWPerKg: 10,
    descentSlowdownPerGrade: 2,
  },
  tricycle: {
    pavedSpeedKmh: { motorway: null, trunk: 30, primary: 30, secondary: 28, tertiary: 25, unclassified: 22, residential: 18, service: 12, track: 20 },
    surfaceFactor: { paved: 1, gravel: 0.8, dirt: 0.6 },
    specificPowerWPerKg: 3,
    descentSlowdownPerGrade: 3,
  },
  motorcycle: {
    pavedSpeedKmh: { motorway: null, trunk: 55, primary: 50, secondary: 45, tertiary: 40, unclassified: 32, residential: 22, service: 15, track: 25 },
    surfaceFactor: { paved: 1, gravel: 0.75, dirt: 0.6 },
    specificPowerWPerKg: 20,
    descentSlowdownPerGrade: 2.5,
  },
};

export interface EdgeTravelInput {
  lengthM: number;
  roadClass: RoadClass;
  surface: Surface;
  climbM: number;
  descentM: number;
}

/** Speed in km/h over the whole edge in its direction of travel, or `null` if the class may not drive it. */
export function edgeSpeedKmh(profile: VehicleSpeedProfile, edge: EdgeTravelInput): number | null {
  const pavedKmh = profile.pavedSpeedKmh[edge.roadClass];
  if (pavedKmh === null) return null;
  const surface = edge.surface === 'unknown' ? UNKNOWN_SURFACE_AS[edge.roadClass] : edge.surface;
  const flatKmh = pavedKmh * profile.surfaceFactor[surface];

  // Average grade, as the data gives totals per edge: the work against gravity is the same however
  // the climb is spread, so a power-limited vehicle takes about the same time either way.
  const climbGrade = Math.min(MAX_GRADE, edge.climbM / edge.lengthM);
  const descentGrade = Math.min(MAX_GRADE, edge.descentM / edge.lengthM);
  const climbCapKmh = (3.6 * profile.specificPowerWPerKg) / (GRAVITY_M_PER_S2 * (climbGrade + ROLLING_RESISTANCE));
  const steepness = Math.max(0, descentGrade - DESCENT_FREE_GRADE);
  const descentFactor = Math.max(DESCENT_FLOOR_FACTOR, 1 - profile.descentSlowdownPerGrade * steepness);
  return Math.min(flatKmh * descentFactor, climbCapKmh);
}

/** Whole seconds to drive the edge (rounded to nearest), or `null` if the class may not drive it. */
export function edgeDurationS(profile: VehicleSpeedProfile, edge: EdgeTravelInput): number | null {
  const speedKmh = edgeSpeedKmh(profile, edge);
  if (speedKmh === null) return null;
  return Math.round((edge.lengthM * 3.6) / speedKmh);
}
