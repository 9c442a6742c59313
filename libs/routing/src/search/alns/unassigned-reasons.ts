import { UnassignedReason } from '../../model/problem';
import { bindingReason } from '../binding-reason';
import { AlnsSolution } from './alns-solution';
import { bestInsertion, noInsertion } from './insertion-evaluator';
import { RouteState } from './route-state';

/**
 * Why `request` is not served: tries it alone in an empty route of every vehicle and in every
 * current route, and reports the binding constraint.
 * - no vehicle has the skills -> 'skills';
 * - it fits no vehicle even alone -> the constraint that fails for most vehicles that have the skills;
 * - it could be served (alone or in a current route) but is optional -> 'not_profitable';
 * - it fits alone but every vehicle that could take it is busy -> 'no_vehicle'.
 */
export function unassignedReason(solution: AlnsSolution, request: number): UnassignedReason {
  const instance = solution.instance;
  const compatible: number[] = [];
  for (let v = 0; v < instance.vehicleCount; v++) {
    if (instance.requestVehicleCompatible[request * instance.vehicleCount + v]) compatible.push(v);
  }
  if (compatible.length === 0) return 'skills';

  const move = noInsertion();
  let insertableNow = false;
  for (const v of compatible) {
    bestInsertion(solution.routes[v], request, move);
    if (move.cost !== Infinity) insertableNow = true;
  }
  const counts = new Map<UnassignedReason, number>();
  let fitsAlone = false;
  for (const v of compatible) {
    const reason = aloneViolation(solution, v, request);
    if (reason === null) fitsAlone = true;
    else counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const optional = !instance.requestMandatory[request];
  if (optional && (insertableNow || fitsAlone)) return 'not_profitable';
  if (fitsAlone || insertableNow) return 'no_vehicle';
  return bindingReason(counts);
}

/** The first constraint an otherwise empty route of vehicle v breaks when serving only `request`. */
function aloneViolation(solution: AlnsSolution, v: number, request: number): UnassignedReason | null {
  const instance = solution.instance;
  const dims = instance.dimensions;
  for (let d = 0; d < dims; d++) {
    if (instance.requestAmount[request * dims + d] > instance.vehicleCapacity[v * dims + d]) return 'capacity';
  }
  const route = new RouteState(instance, v);
  const first = instance.requestFirstStop[request];
  route.stops = instance.requestIsShipment[request] ? [first, first + 1] : [first];
  route.refresh();
  const n = route.size;
  for (let k = 1; k <= n; k++) if (route.serviceStartS[k] === Infinity) return 'time_window';
  if (route.serviceStartS[n + 1] > instance.vehicleShiftEndS[v]) return 'time_window';
  if (route.distanceM > instance.vehicleMaxDistanceM[v]) return 'max_distance';
  if (route.durationS > instance.vehicleMaxDurationS[v]) return 'max_duration';
  return null;
}
