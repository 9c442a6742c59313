import { EntityManager } from 'typeorm';
import { PlanEvent, PlanEventType } from './plan-event.entity';

/** Who made a change: an operator's API key id, `user:<id>` for a person in the console (Principal.actor), or the machine that did it. */
export type PlanActor = string;
export const WORKER_ACTOR: PlanActor = 'worker';
export const SCHEDULER_ACTOR: PlanActor = 'scheduler';
/** In-process callers without a key (the demo CLI). */
export const SYSTEM_ACTOR: PlanActor = 'system';

/**
 * Appends one event row in the caller's transaction: every change to a plan or route leaves one, and
 * moves the plan's revision on, so a request made against an older revision can be told it is stale.
 */
export async function appendPlanEvent(
  manager: EntityManager,
  event: { planId: string; routeId?: string | null; type: PlanEventType; actor: PlanActor; data?: Record<string, unknown> },
): Promise<void> {
  await manager.save(PlanEvent, manager.create(PlanEvent, { planId: event.planId, routeId: event.routeId ?? null, type: event.type, actor: event.actor, data: event.data ?? {} }));
  await manager.query('UPDATE plan SET revision = revision + 1 WHERE id = $1', [event.planId]);
}
