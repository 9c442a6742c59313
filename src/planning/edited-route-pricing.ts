import { VehicleClass } from '@rural-dispatch/routing';
import { EditableStop, EditViolation, RepricedRoute, repriceRoute, repricingNodeIds, RouteForPricing } from './planner/route-repricing';
import { NodeMatrix, WaveNode, WaveVehicle } from './planner/wave-model';
import { PlanRoute } from './plan-route.entity';
import { PlanStop } from './plan-stop.entity';

/** A route that holds its vehicle on the day (this plan's, or another plan's that reserves it), in seconds after local midnight. */
export interface VehicleDayRoute {
  id: string;
  planId: string;
  vehicleId: string;
  departureS: number;
  returnS: number;
  durationS: number;
}

/** What pricing an edit needs besides the routes: the service date's nodes, vehicles and the vehicles' day. */
export interface EditPricingContext {
  planId: string;
  serviceDate: string;
  nodesById: ReadonlyMap<string, WaveNode>;
  vehiclesById: ReadonlyMap<string, WaveVehicle>;
  /** Every route of the edited routes' vehicles that holds them on the service date, this plan's included. */
  vehicleDay: VehicleDayRoute[];
  /** This plan's routes before the edit, with their stops. */
  planRoutes: PlanRoute[];
  secondsOf: (instant: Date) => number;
  matrices: (nodeIds: string[], vehicleClass: VehicleClass) => Promise<NodeMatrix>;
}

/** Trunk-sync broken by an edit: a station's last mile would leave before the trunk has unloaded there. */
export interface TrunkSyncViolation {
  rule: 'trunk_sync';
  routeId: string;
  stationNodeId: string;
  departureS: number;
  unloadedS: number;
}

/** A rule an edit breaks; a shift that ends too late because the vehicle's next route of the day leaves then names that route. */
export type PlanEditViolation = (EditViolation & { nextRouteId?: string }) | TrunkSyncViolation;

export interface PricedEdit {
  priced: Map<string, RepricedRoute>;
  /** Unchanged routes whose cost changes: a vehicle's first route of the plan carries its fixed cost, and the route that did was removed. */
  costOnly: Map<string, number>;
  violations: PlanEditViolation[];
}

const toEditable = (stop: PlanStop): EditableStop => ({
  id: stop.id,
  nodeId: stop.nodeId,
  kind: stop.kind,
  delivered: { weightG: stop.weightDeliveredG, volumeCm3: stop.volumeDeliveredCm3, parcels: stop.parcelsDelivered },
  pickedUp: { weightG: stop.weightPickedUpG, volumeCm3: stop.volumePickedUpCm3, parcels: stop.parcelsPickedUp },
});

/**
 * Prices the routes an edit changed as the planner would offer their vehicles: the shift narrowed to
 * the time the vehicle's other routes of the day leave free (their return plus the depot's loading
 * time, up to the next one's departure less loading), the fixed cost on the vehicle's first route of
 * the plan only, a last-mile route not before the trunk has unloaded at its station, the vehicle's
 * maximum duration over its routes of the plan; then checks that no station's last mile now leaves
 * before the (re-timed) trunk has unloaded there.
 */
export async function priceEditedRoutes(stopsByRoute: ReadonlyMap<string, PlanStop[]>, context: EditPricingContext): Promise<PricedEdit> {
  const routesById = new Map(context.planRoutes.map((route) => [route.id, route]));
  const removed = new Set([...stopsByRoute].filter(([, stops]) => stops.length === 0).map(([routeId]) => routeId));
  const day = new Map(context.vehicleDay.filter((route) => !removed.has(route.id)).map((route) => [route.id, { ...route }]));
  const changed = [...stopsByRoute.keys()].filter((id) => !removed.has(id)).map((id) => routesById.get(id)!);
  changed.sort((a, b) => a.departureAt.getTime() - b.departureAt.getTime());
  const priced = new Map<string, RepricedRoute>();
  const violations: PricedEdit['violations'] = [];

  for (const route of changed) {
    const vehicle = context.vehiclesById.get(route.vehicleId)!;
    const loadingS = context.nodesById.get(route.startNodeId)?.serviceTimeS ?? 0;
    const departureS = context.secondsOf(route.departureAt);
    const others = [...day.values()].filter((other) => other.vehicleId === vehicle.id && other.id !== route.id);
    const before = others.filter((other) => other.departureS <= departureS);
    const next = others.filter((other) => other.departureS > departureS).sort((a, b) => a.departureS - b.departureS)[0];
    const latestReturnS = next ? Math.min(vehicle.shiftEndS, next.departureS - loadingS) : vehicle.shiftEndS;
    const planFirst = [...day.values()].filter((other) => other.vehicleId === vehicle.id && other.planId === context.planId).sort((a, b) => a.departureS - b.departureS)[0];
    const forPricing: RouteForPricing = {
      routeId: route.id,
      depotNodeId: route.startNodeId,
      vehicle: {
        ...vehicle,
        shiftStartS: Math.max(vehicle.shiftStartS, ...before.map((other) => other.returnS + loadingS)),
        shiftEndS: latestReturnS,
        fixedCostFen: planFirst?.id === route.id ? vehicle.fixedCostFen : 0,
        // Checked below over all the vehicle's routes of the plan, as the planner's trips share it.
        maxDurationS: null,
      },
      ...optional('earliestStartS', trunkUnloadedS(context, stopsByRoute, priced, route.startNodeId)),
      stops: stopsByRoute.get(route.id)!.map(toEditable),
    };
    const matrices = new Map<VehicleClass, NodeMatrix>([[vehicle.vehicleClass, await context.matrices(repricingNodeIds(forPricing), vehicle.vehicleClass)]]);
    const result = repriceRoute(forPricing, context.serviceDate, context.nodesById, matrices);
    const boundByNext = next !== undefined && latestReturnS < vehicle.shiftEndS;
    violations.push(
      ...result.violations.map((violation) => (violation.rule === 'shift' && violation.limit === 'shift_end' && boundByNext ? { ...violation, nextRouteId: next.id } : violation)),
    );
    if (!result.priced) continue;
    priced.set(route.id, result.priced);
    Object.assign(day.get(route.id)!, { departureS: result.priced.departureS, returnS: result.priced.returnS, durationS: result.priced.durationS });
  }
  violations.push(...maxDurationViolations(context, changed, day), ...trunkSyncViolations(context, stopsByRoute, priced));
  return { priced, costOnly: fixedCostMoves(context, removed, day, stopsByRoute), violations };
}

const optional = <Key extends string, Value>(key: Key, value: Value | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<Key, Value>));

/** When the trunk has finished unloading deliveries at `stationId` in this plan (with an edit's new times); undefined for the hub or a station with no drop. */
function trunkUnloadedS(
  context: EditPricingContext,
  stopsByRoute: ReadonlyMap<string, PlanStop[]>,
  priced: ReadonlyMap<string, RepricedRoute>,
  stationId: string,
): number | undefined {
  let latest: number | undefined;
  for (const route of context.planRoutes) {
    const stops = stopsByRoute.get(route.id) ?? route.stops ?? [];
    stops.forEach((stop, index) => {
      if (stop.nodeId !== stationId || stop.kind !== 'station_transfer' || stop.parcelsDelivered === 0) return;
      const unloadedS = priced.get(route.id)?.stopTimes[index]!.departureS ?? context.secondsOf(stop.departureAt);
      latest = Math.max(latest ?? 0, unloadedS);
    });
  }
  return latest;
}

/** A station's last-mile routes that a re-timed trunk now reaches too late: only where the edit made the drop later. */
function trunkSyncViolations(context: EditPricingContext, stopsByRoute: ReadonlyMap<string, PlanStop[]>, priced: ReadonlyMap<string, RepricedRoute>): TrunkSyncViolation[] {
  const stations = new Set(
    [...stopsByRoute.values()]
      .flat()
      .filter((stop) => stop.kind === 'station_transfer')
      .map((stop) => stop.nodeId),
  );
  const violations: TrunkSyncViolation[] = [];
  for (const stationNodeId of stations) {
    const unloadedS = trunkUnloadedS(context, stopsByRoute, priced, stationNodeId);
    const before = trunkUnloadedS(context, new Map(), new Map(), stationNodeId) ?? 0;
    if (unloadedS === undefined || unloadedS <= before) continue;
    for (const route of context.planRoutes.filter((candidate) => candidate.startNodeId === stationNodeId)) {
      const departureS = context.secondsOf(route.departureAt);
      if (departureS < unloadedS) violations.push({ rule: 'trunk_sync', routeId: route.id, stationNodeId, departureS, unloadedS });
    }
  }
  return violations;
}

/** A vehicle's routes of one plan are trips that share its maximum duration, as the planner's later trips do. */
function maxDurationViolations(context: EditPricingContext, changed: PlanRoute[], day: ReadonlyMap<string, VehicleDayRoute>): EditViolation[] {
  const vehicleIds = [...new Set(changed.map((route) => route.vehicleId))];
  return vehicleIds.flatMap((vehicleId) => {
    const maxDurationS = context.vehiclesById.get(vehicleId)!.maxDurationS;
    const routes = [...day.values()].filter((route) => route.vehicleId === vehicleId && route.planId === context.planId);
    const durationS = routes.reduce((sum, route) => sum + route.durationS, 0);
    if (maxDurationS === null || durationS <= maxDurationS) return [];
    const routeId = changed.find((route) => route.vehicleId === vehicleId)!.id;
    return [{ rule: 'shift' as const, routeId, limit: 'max_duration' as const, durationS, maxDurationS }];
  });
}

/** A removed route that carried its vehicle's fixed cost hands it to the vehicle's next route of the plan (when that one was not re-priced anyway). */
function fixedCostMoves(
  context: EditPricingContext,
  removed: ReadonlySet<string>,
  day: ReadonlyMap<string, VehicleDayRoute>,
  stopsByRoute: ReadonlyMap<string, PlanStop[]>,
): Map<string, number> {
  const moves = new Map<string, number>();
  for (const routeId of removed) {
    const route = context.planRoutes.find((candidate) => candidate.id === routeId)!;
    const vehicleRoutes = (routeIdFilter: (id: string) => boolean) =>
      context.vehicleDay
        .filter((other) => other.vehicleId === route.vehicleId && other.planId === context.planId && routeIdFilter(other.id))
        .sort((a, b) => a.departureS - b.departureS);
    if (vehicleRoutes(() => true)[0]?.id !== routeId) continue;
    const next = vehicleRoutes((id) => day.has(id))[0];
    if (next && !stopsByRoute.has(next.id)) moves.set(next.id, routesCost(context, next.id) + context.vehiclesById.get(route.vehicleId)!.fixedCostFen);
  }
  return moves;
}

const routesCost = (context: EditPricingContext, routeId: string) => context.planRoutes.find((route) => route.id === routeId)!.costFen;
