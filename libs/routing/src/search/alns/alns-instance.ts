import { costPerMetre, costPerSecond, fixedRouteCost, vehicleCountWeight } from '../../evaluation/cost-evaluator';
import { Problem, TimeWindow } from '../../model/problem';

/**
 * The problem flattened into typed arrays for the ALNS hot paths.
 *
 * A *request* is what gets assigned as a unit: a job (one stop) or a shipment (two stops, pickup then
 * delivery on the same vehicle). A *stop* is one visit. Requests 0..jobs-1 are the jobs in input
 * order, then the shipments; stops are numbered so that a shipment's delivery is its pickup + 1.
 */
export const ROLE_DELIVERY_JOB = 0;
export const ROLE_PICKUP_JOB = 1;
export const ROLE_SHIPMENT_PICKUP = 2;
export const ROLE_SHIPMENT_DELIVERY = 3;

/**
 * Search-only price of leaving a mandatory request unassigned: above any route's cost (including
 * `VEHICLE_WEIGHT`), so the search always prefers serving a request to dropping it.
 */
export const MANDATORY_UNASSIGNED_PENALTY = 1e13;

export interface AlnsInstance {
  problem: Problem;
  requestCount: number;
  stopCount: number;
  vehicleCount: number;
  dimensions: number;

  requestFirstStop: Int32Array;
  requestIsShipment: Uint8Array;
  /** Penalty used by the search for leaving the request out (the real one, or the mandatory one). */
  requestPenalty: Float64Array;
  requestMandatory: Uint8Array;
  requestPriority: Int32Array;
  /** `requestCount * dimensions`. */
  requestAmount: Float64Array;
  /** `requestCount * vehicleCount`: 1 when the vehicle has every skill the request needs. */
  requestVehicleCompatible: Uint8Array;

  stopRequest: Int32Array;
  stopRole: Uint8Array;
  stopLocation: Int32Array;
  stopServiceS: Int32Array;
  /** Time windows of stop s are `[twOffset[s], twOffset[s+1])` in twStartS/twEndS; none = any time. */
  twOffset: Int32Array;
  twStartS: Float64Array;
  twEndS: Float64Array;

  vehicleDistance: Int32Array[];
  vehicleDuration: Int32Array[];
  matrixSize: Int32Array;
  vehicleStart: Int32Array;
  /** -1 for an open route. */
  vehicleEnd: Int32Array;
  vehicleShiftStartS: Float64Array;
  vehicleShiftEndS: Float64Array;
  /** `vehicleCount * dimensions`. */
  vehicleCapacity: Float64Array;
  vehicleMaxDurationS: Float64Array;
  vehicleMaxDistanceM: Float64Array;
  /** Objective weight of one metre / one second for this vehicle, to price insertions (from the cost evaluator). */
  vehicleCostPerM: Float64Array;
  vehicleCostPerS: Float64Array;
  /** Cost of a vehicle's route beyond its distance and time (fixed cost, or VEHICLE_WEIGHT). */
  vehicleFixedCost: Float64Array;
  /** Vehicles with identical attributes share a type, so one empty route per type is enough. */
  vehicleType: Int32Array;
}

export function compileInstance(problem: Problem): AlnsInstance {
  const { jobs, shipments, vehicles } = problem;
  const requestCount = jobs.length + shipments.length;
  const stopCount = jobs.length + 2 * shipments.length;
  const vehicleCount = vehicles.length;
  const dimensions = Math.max(vehicles[0]?.capacity.length ?? 0, jobs[0]?.amount.length ?? 0, shipments[0]?.amount.length ?? 0);

  const requestFirstStop = new Int32Array(requestCount);
  const requestIsShipment = new Uint8Array(requestCount);
  const requestPenalty = new Float64Array(requestCount);
  const requestMandatory = new Uint8Array(requestCount);
  const requestPriority = new Int32Array(requestCount);
  const requestAmount = new Float64Array(requestCount * dimensions);
  const requestVehicleCompatible = new Uint8Array(requestCount * vehicleCount);
  const stopRequest = new Int32Array(stopCount);
  const stopRole = new Uint8Array(stopCount);
  const stopLocation = new Int32Array(stopCount);
  const stopServiceS = new Int32Array(stopCount);
  const stopWindows: TimeWindow[][] = [];

  const requestSkills: Array<string[] | undefined> = [];
  let stop = 0;
  const addRequest = (request: number, amount: number[], penalty: number | undefined, priority: number | undefined, skills: string[] | undefined): void => {
    requestFirstStop[request] = stop;
    requestMandatory[request] = penalty === undefined ? 1 : 0;
    requestPenalty[request] = penalty === undefined ? MANDATORY_UNASSIGNED_PENALTY : penalty;
    requestPriority[request] = priority ?? 0;
    for (let d = 0; d < dimensions; d++) requestAmount[request * dimensions + d] = amount[d] ?? 0;
    requestSkills[request] = skills;
  };
  const addStop = (request: number, role: number, location: number, serviceS: number, windows: TimeWindow[]): void => {
    stopRequest[stop] = request;
    stopRole[stop] = role;
    stopLocation[stop] = location;
    stopServiceS[stop] = serviceS;
    stopWindows.push(windows);
    stop++;
  };
  jobs.forEach((job, index) => {
    addRequest(index, job.amount, job.unassignedPenaltyFen, job.priority, job.skills);
    const role = job.kind === 'delivery' ? ROLE_DELIVERY_JOB : ROLE_PICKUP_JOB;
    addStop(index, role, job.location, job.serviceS, job.timeWindows);
  });
  shipments.forEach((shipment, index) => {
    const request = jobs.length + index;
    addRequest(request, shipment.amount, shipment.unassignedPenaltyFen, shipment.priority, shipment.skills);
    requestIsShipment[request] = 1;
    addStop(request, ROLE_SHIPMENT_PICKUP, shipment.pickup.location, shipment.pickup.serviceS, shipment.pickup.timeWindows);
    addStop(request, ROLE_SHIPMENT_DELIVERY, shipment.delivery.location, shipment.delivery.serviceS, shipment.delivery.timeWindows);
  });

  const twOffset = new Int32Array(stopCount + 1);
  for (let s = 0; s < stopCount; s++) twOffset[s + 1] = twOffset[s] + stopWindows[s].length;
  const twStartS = new Float64Array(twOffset[stopCount]);
  const twEndS = new Float64Array(twOffset[stopCount]);
  for (let s = 0; s < stopCount; s++) {
    stopWindows[s].forEach((window, w) => {
      twStartS[twOffset[s] + w] = window.startS;
      twEndS[twOffset[s] + w] = window.endS;
    });
  }

  const vehicleSkills = vehicles.map((vehicle) => new Set(vehicle.skills ?? []));
  for (let r = 0; r < requestCount; r++) {
    const needed = requestSkills[r] ?? [];
    for (let v = 0; v < vehicleCount; v++) {
      requestVehicleCompatible[r * vehicleCount + v] = needed.every((skill) => vehicleSkills[v].has(skill)) ? 1 : 0;
    }
  }

  const vehicleCapacity = new Float64Array(vehicleCount * dimensions);
  const vehicleCostPerM = new Float64Array(vehicleCount);
  const vehicleCostPerS = new Float64Array(vehicleCount);
  const vehicleFixedCost = new Float64Array(vehicleCount);
  const vehicleType = new Int32Array(vehicleCount);
  const typeKeys = new Map<string, number>();
  vehicles.forEach((vehicle, v) => {
    for (let d = 0; d < dimensions; d++) vehicleCapacity[v * dimensions + d] = vehicle.capacity[d] ?? 0;
    vehicleFixedCost[v] = vehicleCountWeight(problem.objective) + fixedRouteCost(problem.objective, vehicle);
    vehicleCostPerM[v] = costPerMetre(problem.objective, vehicle);
    vehicleCostPerS[v] = costPerSecond(problem.objective, vehicle);
    const key = JSON.stringify([
      vehicle.startLocation,
      vehicle.endLocation,
      vehicle.capacity,
      vehicle.fixedCostFen,
      vehicle.costPerKmFen,
      vehicle.costPerHourFen,
      vehicle.profile,
      vehicle.shift,
      vehicle.maxDurationS ?? null,
      vehicle.maxDistanceM ?? null,
      [...(vehicle.skills ?? [])].sort(),
    ]);
    if (!typeKeys.has(key)) typeKeys.set(key, typeKeys.size);
    vehicleType[v] = typeKeys.get(key)!;
  });

  return {
    problem,
    requestCount,
    stopCount,
    vehicleCount,
    dimensions,
    requestFirstStop,
    requestIsShipment,
    requestPenalty,
    requestMandatory,
    requestPriority,
    requestAmount,
    requestVehicleCompatible,
    stopRequest,
    stopRole,
    stopLocation,
    stopServiceS,
    twOffset,
    twStartS,
    twEndS,
    vehicleDistance: vehicles.map((vehicle) => problem.profiles[vehicle.profile].distanceM),
    vehicleDuration: vehicles.map((vehicle) => problem.profiles[vehicle.profile].durationS),
    matrixSize: Int32Array.from(vehicles, (vehicle) => problem.profiles[vehicle.profile].size),
    vehicleStart: Int32Array.from(vehicles, (vehicle) => vehicle.startLocation),
    vehicleEnd: Int32Array.from(vehicles, (vehicle) => vehicle.endLocation ?? -1),
    vehicleShiftStartS: Float64Array.from(vehicles, (vehicle) => vehicle.shift.startS),
    vehicleShiftEndS: Float64Array.from(vehicles, (vehicle) => vehicle.shift.endS),
    vehicleCapacity,
    vehicleMaxDurationS: Float64Array.from(vehicles, (vehicle) => vehicle.maxDurationS ?? Infinity),
    vehicleMaxDistanceM: Float64Array.from(vehicles, (vehicle) => vehicle.maxDistanceM ?? Infinity),
    vehicleCostPerM,
    vehicleCostPerS,
    vehicleFixedCost,
    vehicleType,
  };
}

/** Earliest service start at `stop` for an arrival at `arrivalS`, or Infinity when every window has closed. */
export function earliestServiceStart(instance: AlnsInstance, stop: number, arrivalS: number): number {
  const first = instance.twOffset[stop];
  const last = instance.twOffset[stop + 1];
  if (first === last) return arrivalS;
  for (let w = first; w < last; w++) {
    if (arrivalS <= instance.twEndS[w]) return arrivalS > instance.twStartS[w] ? arrivalS : instance.twStartS[w];
  }
  return Infinity;
}

/**
 * Latest service start at `stop` not after `boundS`, or -Infinity. Because waiting is allowed,
 * arriving at or before this time is always feasible for the rest of the route.
 */
export function latestServiceStart(instance: AlnsInstance, stop: number, boundS: number): number {
  const first = instance.twOffset[stop];
  const last = instance.twOffset[stop + 1];
  if (first === last) return boundS;
  for (let w = last - 1; w >= first; w--) {
    if (instance.twStartS[w] <= boundS) return boundS < instance.twEndS[w] ? boundS : instance.twEndS[w];
  }
  return -Infinity;
}

/** Travel time between two locations for vehicle v; location -1 (open end) costs nothing. */
export function travelS(instance: AlnsInstance, v: number, from: number, to: number): number {
  if (from < 0 || to < 0) return 0;
  return instance.vehicleDuration[v][from * instance.matrixSize[v] + to];
}

export function travelM(instance: AlnsInstance, v: number, from: number, to: number): number {
  if (from < 0 || to < 0) return 0;
  return instance.vehicleDistance[v][from * instance.matrixSize[v] + to];
}
