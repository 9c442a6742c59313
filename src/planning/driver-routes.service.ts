import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { preparedQuery } from '../infra/database/prepared-query';
import { NetworkQueryService } from '../network/network-query.service';
import { ROUTE_MANIFEST_FINGERPRINT } from './manifests/route-manifest-fingerprint';
import { PlanActor } from './plan-events';
import { PlanRoute, RouteStatus } from './plan-route.entity';
import { Plan, PlanLifecycle } from './plan.entity';
import { NEXT_ROUTE_STATUS, writeRouteStatus } from './route-status';

/** A driver's run of the day, and the fingerprint of everything its manifest prints (ROUTE_MANIFEST_FINGERPRINT). */
export interface DriverRunRef {
  routeId: string;
  planId: string;
  fingerprint: string;
}

export interface RouteStopContext {
  id: string;
  sequence: number;
  kind: 'station_transfer' | 'village';
  nodeId: string;
  arrivalAt: Date;
  departureAt: Date;
  shipmentIds: string[];
}

/** What the driver module needs to know of a route to judge and apply its driver's reports. */
export interface RouteContext {
  id: string;
  planId: string;
  serviceDate: string;
  planLifecycle: PlanLifecycle;
  routeNumber: number;
  driverId: string | null;
  status: RouteStatus;
  echelon: 'trunk' | 'last_mile';
  startNodeId: string;
  /** The base it leaves from and returns to: a township station, or the county hub. */
  startTier: string;
  departureAt: Date;
  returnAt: Date;
  stops: RouteStopContext[];
}

/** Plans whose routes drivers drive: a draft is not binding yet, a cancelled version's open routes are not driven. */
const DRIVEN_LIFECYCLES: PlanLifecycle[] = ['published', 'completed'];

/**
 * What the driver module asks of planning (added for it): a driver's runs of a day, routes as the
 * reports need them, and the route status the reports move on. Planning never imports the driver module.
 */
@Injectable()
export class DriverRoutesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(PlanRoute) private readonly routes: Repository<PlanRoute>,
    private readonly network: NetworkQueryService,
  ) {}

  /** The driver's routes of published (or completed) plans of the day, by wave and route number, with their manifests' fingerprints: one query. */
  async runsOf(countyId: string, driverId: string, serviceDate: string): Promise<DriverRunRef[]> {
    const rows = await preparedQuery<{ route_id: string; plan_id: string; fingerprint: string }>(
      this.dataSource,
      'driver-runs-with-fingerprints',
      `SELECT r.id AS route_id, r.plan_id, ${ROUTE_MANIFEST_FINGERPRINT.column}
         FROM plan p JOIN plan_route r ON r.plan_id = p.id ${ROUTE_MANIFEST_FINGERPRINT.laterals}
        WHERE p.county_id = $1 AND p.service_date = $2 AND p.lifecycle = ANY($3::plan_lifecycle_enum[]) AND r.driver_id = $4
        ORDER BY p.wave, r.route_number`,
      [countyId, serviceDate, DRIVEN_LIFECYCLES, driverId],
    );
    return rows.map((row) => ({ routeId: row.route_id, planId: row.plan_id, fingerprint: row.fingerprint }));
  }

  /** The routes among `routeIds` that belong to the county, whatever their plan's lifecycle (a superseded version's reports still count). */
  async contexts(countyId: string, routeIds: readonly string[]): Promise<Map<string, RouteContext>> {
    if (routeIds.length === 0) return new Map();
    const routes = await this.routes.find({
      where: { id: In([...new Set(routeIds)]), plan: { countyId } },
      relations: { stops: true, plan: true },
      order: { stops: { sequence: 'ASC' } },
    });
    return this.toContexts(countyId, routes);
  }

  /** The routes of one plan (including routes a superseded version handed over), by route number. */
  async routesOfPlan(countyId: string, planId: string): Promise<RouteContext[]> {
    const routes = await this.routes.find({
      where: { planId, plan: { countyId } },
      relations: { stops: true, plan: true },
      order: { routeNumber: 'ASC', stops: { sequence: 'ASC' } },
    });
    return [...(await this.toContexts(countyId, routes)).values()];
  }

  /** Every route of the county's published (or completed) plans of the day, by wave and route number. */
  async routesOfDay(countyId: string, serviceDate: string): Promise<RouteContext[]> {
    const routes = await this.routes.find({
      where: { plan: { countyId, serviceDate, lifecycle: In(DRIVEN_LIFECYCLES) } },
      relations: { stops: true, plan: true },
      order: { plan: { wave: 'ASC' }, routeNumber: 'ASC', stops: { sequence: 'ASC' } },
    });
    return [...(await this.toContexts(countyId, routes)).values()];
  }

  /**
   * Moves the route forward to `to` (planned → dispatched → completed, one step at a time, each with its
   * plan event), in the caller's transaction; never back, and only on a published plan: a cancelled
   * version's routes are history and a completed plan is done. Returns whether the route moved.
   */
  async advanceStatusIn(manager: EntityManager, countyId: string, routeId: string, to: RouteStatus, actor: PlanActor): Promise<boolean> {
    const route = await manager.findOne(PlanRoute, { where: { id: routeId } });
    if (!route) return false;
    const plan = await manager.findOne(Plan, { where: { countyId, id: route.planId }, lock: { mode: 'pessimistic_write' } });
    if (!plan || plan.lifecycle !== 'published') return false;
    const locked = await manager.findOneOrFail(PlanRoute, { where: { id: routeId }, lock: { mode: 'pessimistic_write' } });
    let moved = false;
    while (locked.status !== to && NEXT_ROUTE_STATUS[locked.status] !== null && isAhead(to, locked.status)) {
      await writeRouteStatus(manager, plan, locked, NEXT_ROUTE_STATUS[locked.status]!, actor);
      moved = true;
    }
    return moved;
  }

  private async toContexts(countyId: string, routes: PlanRoute[]): Promise<Map<string, RouteContext>> {
    const starts = await this.network.getNodes(countyId, [...new Set(routes.map((route) => route.startNodeId))]);
    const tierOf = new Map(starts.map((node) => [node.id, node.tier]));
    return new Map(
      routes.map((route) => [
        route.id,
        {
          id: route.id,
          planId: route.planId,
          serviceDate: route.plan!.serviceDate,
          planLifecycle: route.plan!.lifecycle,
          routeNumber: route.routeNumber,
          driverId: route.driverId,
          status: route.status,
          echelon: route.echelon,
          startNodeId: route.startNodeId,
          startTier: tierOf.get(route.startNodeId) ?? 'county_hub',
          departureAt: route.departureAt,
          returnAt: route.returnAt,
          stops: (route.stops ?? []).map((stop) => ({
            id: stop.id,
            sequence: stop.sequence,
            kind: stop.kind,
            nodeId: stop.nodeId,
            arrivalAt: stop.arrivalAt,
            departureAt: stop.departureAt,
            shipmentIds: stop.shipmentIds,
          })),
        },
      ]),
    );
  }
}

const ROUTE_ORDER: RouteStatus[] = ['planned', 'dispatched', 'completed'];
const isAhead = (to: RouteStatus, from: RouteStatus) => ROUTE_ORDER.indexOf(to) > ROUTE_ORDER.indexOf(from);
