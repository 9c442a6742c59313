import type { VehicleClass } from '@rural-dispatch/routing';

export interface VehicleCosts {
  /** Per day out: depreciation, insurance. */
  fixedCostFen: number;
  /** Fuel or power plus wear. */
  costPerKmFen: number;
  /** A rural driver's wage. */
  costPerHourFen: number;
}

/**
 * What a vehicle costs when its creator gives no figure, per class (2025 estimates for county delivery
 * centres in rural China, the same basis as the demo fleet: docs/planning.md has the table). A missing
 * cost was once 0, and the solver then sent a van on a 308 km run "for free"; a default that is roughly
 * right keeps the plan sensible until the centre enters its own figures.
 */
export const DEFAULT_VEHICLE_COSTS: Readonly<Record<VehicleClass, VehicleCosts>> = {
  truck: { fixedCostFen: 8_000, costPerKmFen: 130, costPerHourFen: 2_500 },
  van: { fixedCostFen: 4_500, costPerKmFen: 75, costPerHourFen: 2_200 },
  tricycle: { fixedCostFen: 1_000, costPerKmFen: 10, costPerHourFen: 1_800 },
  motorcycle: { fixedCostFen: 600, costPerKmFen: 28, costPerHourFen: 1_800 },
};

/** The OpenAPI description of the cost fields: the defaults, as a sentence per class. */
export function describeDefaultCosts(field: keyof VehicleCosts): string {
  return Object.entries(DEFAULT_VEHICLE_COSTS)
    .map(([vehicleClass, costs]) => `${vehicleClass} ${costs[field]}`)
    .join(', ');
}
