import { GivenRoute } from '../../model/problem';
import { AlnsSolution } from './alns-solution';

/**
 * Puts the caller's routes (checked by `setGivenRoutesApart`) into an empty ALNS solution, which
 * holds feasible routes only: each route takes its visits in the given order as long as they keep
 * it feasible; a visit that would break it (or a vehicle without its skills) stays out, and so does a
 * shipment without both ends on the route, pickup first. Whatever stays out is for the construction
 * that follows to insert.
 */
export function seedGivenRoutes(solution: AlnsSolution, given: GivenRoute[]): void {
  const { instance } = solution;
  const { problem } = instance;
  const vehicleIndex = new Map(problem.vehicles.map((vehicle, k) => [vehicle.id, k]));
  const request = new Map([...problem.jobs.map((job, r): [string, number] => [job.id, r]), ...problem.shipments.map((s, k): [string, number] => [s.id, problem.jobs.length + k])]);
  for (const route of given) {
    const v = vehicleIndex.get(route.vehicleId)!;
    const state = solution.routes[v];
    const kept = new Set<number>();
    for (const visit of route.visits) {
      // ALNS solves no problem with reloads (solve refuses them), so a given route has no reload visit.
      if ('reloadLocation' in visit) continue;
      const r = request.get('jobId' in visit ? visit.jobId : visit.shipmentId)!;
      if (!instance.requestVehicleCompatible[r * instance.vehicleCount + v]) continue;
      const delivery = 'end' in visit && visit.end === 'delivery';
      if (delivery && !kept.has(r)) continue;
      state.stops.push(instance.requestFirstStop[r] + (delivery ? 1 : 0));
      state.refresh();
      if (state.feasible) {
        kept.add(r);
        continue;
      }
      state.stops.pop();
      state.refresh();
    }
    for (const r of kept) solution.requestVehicle[r] = v;
    for (const r of kept) if (instance.requestIsShipment[r] && !state.stops.includes(instance.requestFirstStop[r] + 1)) solution.remove(r);
    // Taking a pickup out again can break a route only on a matrix without the triangle inequality.
    if (!state.feasible) for (const r of kept) solution.remove(r);
  }
}
