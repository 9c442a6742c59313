import { EntityManager } from 'typeorm';
import { appendPlanEvent, PlanActor } from './plan-events';
import { PlanRoute, RouteStatus } from './plan-route.entity';
import { Plan } from './plan.entity';

/** A route moves planned → dispatched → completed, by the operator or by its driver's reports. */
export const NEXT_ROUTE_STATUS: Record<RouteStatus, RouteStatus | null> = { planned: 'dispatched', dispatched: 'completed', completed: null };

/**
 * Writes the route's new status with its plan event, in the caller's transaction (which holds the plan
 * and route locks), and completes the plan when its last route is done.
 */
export async function writeRouteStatus(manager: EntityManager, plan: Plan, route: PlanRoute, to: RouteStatus, actor: PlanActor): Promise<void> {
  await manager.update(PlanRoute, route.id, { status: to });
  await appendPlanEvent(manager, { planId: plan.id, routeId: route.id, type: 'route.status_changed', actor, data: { from: route.status, to } });
  route.status = to;
  await completePlanWhenAllRoutesAre(manager, plan, actor);
}

/** The plan's day is done when its last route is. */
async function completePlanWhenAllRoutesAre(manager: EntityManager, plan: Plan, actor: PlanActor): Promise<void> {
  const open = await manager.count(PlanRoute, {
    where: [
      { planId: plan.id, status: 'planned' },
      { planId: plan.id, status: 'dispatched' },
    ],
  });
  if (open > 0) return;
  await manager.update(Plan, plan.id, { lifecycle: 'completed' });
  await appendPlanEvent(manager, { planId: plan.id, type: 'plan.completed', actor, data: {} });
}
