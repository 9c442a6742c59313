/**
 * The road attributes the graph and the travel-time model understand. They mirror the product's road
 * feature properties (docs/network-geojson.md), so the service passes stored segments through unchanged.
 */

export const ROAD_CLASSES = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'service', 'track'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export const SURFACES = ['paved', 'gravel', 'dirt', 'unknown'] as const;
export type Surface = (typeof SURFACES)[number];

export const VEHICLE_CLASSES = ['truck', 'van', 'tricycle', 'motorcycle'] as const;
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];

/** Per-class lookup table keyed by road class, used by the travel-time model's tables. */
export type ByRoadClass<T> = Record<RoadClass, T>;
export type BySurface<T> = Record<Surface, T>;

/** Small integer codes so the graph stores attributes in typed arrays (index into the lists above). */
export const ROAD_CLASS_CODE: ByRoadClass<number> = codes(ROAD_CLASSES);
export const SURFACE_CODE: BySurface<number> = codes(SURFACES);

function codes<T extends string>(names: readonly T[]): Record<T, number> {
  const result = {} as Record<T, number>;
  names.forEach((name, index) => {
    result[name] = index;
  });
  return result;
}

export function isRoadClass(value: string): value is RoadClass {
  return (ROAD_CLASSES as readonly string[]).includes(value);
}

export function isSurface(value: string): value is Surface {
  return (SURFACES as readonly string[]).includes(value);
}

export function isVehicleClass(value: string): value is VehicleClass {
  return (VEHICLE_CLASSES as readonly string[]).includes(value);
}

/** Bad caller input (an edge naming a missing vertex, a negative length ...), as opposed to a bug. */
export class RoadNetworkInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoadNetworkInputError';
  }
}
