import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DriversService } from '../fleet/drivers.service';
import { DomainError, notFound, validationFailed } from '../infra/errors/domain-error';
import { UpdateRouteDto } from './dto/update-route.dto';
import { appendPlanEvent, PlanActor } from './plan-events';
import { PlanRoute, RouteStatus } from './plan-route.entity';
import { Plan } from './plan.entity';
import { NEXT_ROUTE_STATUS, writeRouteStatus } from './route-status';

/**
 * What the operator changes on a route: its driver, its lock and its status. A cancelled or completed plan is
 * history and is not edited; a route is dispatched only from a published plan and with a driver.
 */
@Injectable()
export class PlanRouteEditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drivers: DriversService,
  ) {}

  async update(countyId: string, planId: string, routeId: string, input: UpdateRouteDto, actor: PlanActor): Promise<PlanRoute> {
    if (input.driverId !== undefined) await this.assertActiveDriver(countyId, input.driverId);
    return this.dataSource.transaction(async (manager) => {
      const plan = await manager.findOne(Plan, { where: { countyId, id: planId }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw notFound('plan', planId);
      const route = await manager.findOne(PlanRoute, { where: { planId, id: routeId }, lock: { mode: 'pessimistic_write' } });
      if (!route) throw notFound('route', routeId);
      if (plan.lifecycle === 'cancelled' || plan.lifecycle === 'completed') {
        throw new DomainError('illegal_transition', `plan is ${plan.lifecycle}; its routes are no longer edited`, [], { lifecycle: plan.lifecycle });
      }
      if (input.driverId !== undefined && input.driverId !== route.driverId) await this.changeDriver(manager, route, input.driverId, actor);
      if (input.locked !== undefined && input.locked !== route.locked) {
        await manager.update(PlanRoute, route.id, { locked: input.locked });
        await appendPlanEvent(manager, { planId, routeId, type: input.locked ? 'route.locked' : 'route.unlocked', actor, data: {} });
      }
      if (input.status !== undefined && input.status !== route.status) await this.changeStatus(manager, plan, route, input.status, actor);
      return manager.findOneOrFail(PlanRoute, { where: { id: routeId }, relations: { stops: true }, order: { stops: { sequence: 'ASC' } } });
    });
  }

  private async changeDriver(manager: EntityManager, route: PlanRoute, driverId: string, actor: PlanActor): Promise<void> {
    if (route.status === 'completed') throw new DomainError('illegal_transition', 'route is completed; its driver can no longer change', [], { currentStatus: route.status });
    await manager.update(PlanRoute, route.id, { driverId });
    await appendPlanEvent(manager, { planId: route.planId, routeId: route.id, type: 'route.driver_changed', actor, data: { from: route.driverId, to: driverId } });
    route.driverId = driverId;
  }

  private async changeStatus(manager: EntityManager, plan: Plan, route: PlanRoute, to: RouteStatus, actor: PlanActor): Promise<void> {
    if (NEXT_ROUTE_STATUS[route.status] !== to) {
      throw new DomainError('illegal_transition', `a route goes planned → dispatched → completed; it cannot go from ${route.status} to ${to}`, [], { from: route.status, to });
    }
    if (to === 'dispatched' && plan.lifecycle !== 'published') {
      throw new DomainError('illegal_transition', `plan is ${plan.lifecycle}; only a published plan's routes are dispatched`, [], { lifecycle: plan.lifecycle });
    }
    if (to === 'dispatched' && route.driverId === null)
      throw new DomainError('conflict', 'route has no driver; set driverId before dispatching it', [], { rule: 'driver_required' });
    await writeRouteStatus(manager, plan, route, to, actor);
  }

  private async assertActiveDriver(countyId: string, driverId: string): Promise<void> {
    const driver = await this.drivers.get(countyId, driverId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found')
        throw validationFailed(`driver ${driverId} not found in this county`, [{ field: 'driverId', message: 'unknown driver' }]);
      throw error;
    });
    if (!driver.active) throw validationFailed(`driver ${driver.name} is not active`, [{ field: 'driverId', message: 'inactive driver' }]);
  }
}
