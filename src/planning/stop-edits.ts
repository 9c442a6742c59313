import { DomainError, notFound, validationFailed } from '../infra/errors/domain-error';
import { PlanEventType } from './plan-event.entity';
import { PlanRoute } from './plan-route.entity';
import { PlanStop } from './plan-stop.entity';

/** A dispatcher's hand edit of a plan's stops. */
export type StopEdit =
  /** The stop leaves its route and becomes the `position`-th (1-based) stop of `toRouteId` (which may be the same route). */
  | { kind: 'move'; routeId: string; stopId: string; toRouteId: string; position: number }
  /** The route's stops, every one of them, in a new order. */
  | { kind: 'reorder'; routeId: string; stopIds: string[] };

export interface AppliedStopEdit {
  /** Each changed route's stops in their new order; a route left with none is removed. */
  stopsByRoute: Map<string, PlanStop[]>;
  event: { type: PlanEventType; routeId: string; data: Record<string, unknown> };
}

/**
 * Applies the edit to the plan's routes in memory, after the checks that need no pricing: the routes
 * and the stop exist, both routes are still `planned` and unlocked, and a moved stop stays at its
 * depot (its parcels are there: a township transfer cannot go on a station's tricycle, nor a village
 * of one station onto another station's or the hub's route). Throws the 400/404/409 otherwise.
 */
export function applyStopEdit(routes: PlanRoute[], edit: StopEdit): AppliedStopEdit {
  const route = routes.find((candidate) => candidate.id === edit.routeId);
  if (!route) throw notFound('route', edit.routeId);
  assertEditableRoute(route);
  const stops = route.stops ?? [];
  if (edit.kind === 'reorder') {
    const byId = new Map(stops.map((stop) => [stop.id, stop]));
    if (edit.stopIds.length !== stops.length || new Set(edit.stopIds).size !== stops.length || edit.stopIds.some((id) => !byId.has(id))) {
      throw validationFailed(`stopIds must list each of the route's ${stops.length} stops exactly once`, [
        { field: 'stopIds', message: `must be a permutation of route ${route.id}'s stop ids` },
      ]);
    }
    return {
      stopsByRoute: new Map([[route.id, edit.stopIds.map((id) => byId.get(id)!)]]),
      event: { type: 'route.stops_reordered', routeId: route.id, data: { from: stops.map((stop) => stop.id), to: edit.stopIds } },
    };
  }
  const stop = stops.find((candidate) => candidate.id === edit.stopId);
  if (!stop) throw notFound('stop', edit.stopId);
  const target = routes.find((candidate) => candidate.id === edit.toRouteId);
  if (!target) throw validationFailed(`route ${edit.toRouteId} is not a route of this plan`, [{ field: 'toRouteId', message: 'unknown route in this plan' }]);
  assertEditableRoute(target);
  if (target.startNodeId !== route.startNodeId) {
    throw new DomainError(
      'conflict',
      `stop ${stop.id} cannot move from a route that starts at ${route.startNodeId} to one that starts at ${target.startNodeId}: its parcels are at its own depot`,
      [],
      {
        violations: [{ rule: 'depot', routeId: target.id, stopId: stop.id, stopKind: stop.kind, fromDepotNodeId: route.startNodeId, toDepotNodeId: target.startNodeId }],
      },
    );
  }
  const remaining = stops.filter((candidate) => candidate !== stop);
  const targetStops = target === route ? remaining : [...(target.stops ?? [])];
  if (edit.position > targetStops.length + 1) {
    throw validationFailed(`position ${edit.position} is past the end of route ${target.id} (${targetStops.length + 1} at most)`, [
      { field: 'position', message: `must be 1 to ${targetStops.length + 1}` },
    ]);
  }
  targetStops.splice(edit.position - 1, 0, stop);
  const stopsByRoute = new Map([[route.id, remaining]]);
  stopsByRoute.set(target.id, targetStops);
  return { stopsByRoute, event: { type: 'route.stop_moved', routeId: route.id, data: { stopId: stop.id, fromRouteId: route.id, toRouteId: target.id, position: edit.position } } };
}

/** Only a route still `planned` and not locked is edited: a dispatched one is on the road, a locked one the dispatcher froze. */
function assertEditableRoute(route: PlanRoute): void {
  if (route.status !== 'planned' || route.locked) {
    const state = route.locked ? 'locked' : route.status;
    throw new DomainError('illegal_transition', `route ${route.id} is ${state}; only planned, unlocked routes are edited`, [], {
      routeId: route.id,
      currentStatus: route.status,
      locked: route.locked,
    });
  }
}
