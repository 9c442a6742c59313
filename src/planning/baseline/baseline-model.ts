import type { Load, PlannedRoute, PlanUnassignedReason, ProblemStatistics, WaveNode, WaveShipment, WaveVehicle } from '../planner/wave-model';

/** A shipment of the consolidated plan, with the carrier (platform) it belongs to. */
export interface BaselineShipment extends WaveShipment {
  platformId: string;
}

export interface BaselineInput {
  serviceDate: string;
  hubNodeId: string;
  nodes: WaveNode[];
  /** The hub's vehicles as configured (not as the day's earlier waves left them): their types are what every carrier may use. */
  hubVehicles: WaveVehicle[];
  /** Exactly the shipments that ride on the consolidated plan. */
  shipments: BaselineShipment[];
  seed: number;
  /** The consolidated plan's whole time budget: the baseline gets the same, split between the carriers by their stops. */
  timeLimitMs: number;
}

/** A baseline route: a carrier's own vehicle (a copy of a hub vehicle type) from the hub to its villages. */
export interface BaselinePlannedRoute extends PlannedRoute {
  platformId: string;
  templateVehicleId: string;
  vehicleClass: WaveVehicle['vehicleClass'];
  capacity: Load;
}

/** A shipment the carrier could not serve on its own that day (e.g. a village beyond a van's shift from the hub). */
export interface BaselineUnassigned {
  shipmentId: string;
  platformId: string;
  villageNodeId: string;
  reason: PlanUnassignedReason;
}

export interface BaselinePlan {
  routes: BaselinePlannedRoute[];
  unassigned: BaselineUnassigned[];
  statistics: ProblemStatistics[];
}
