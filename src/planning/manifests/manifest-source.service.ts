import { Injectable } from '@nestjs/common';
import { CountiesService } from '../../counties/counties.service';
import { Driver } from '../../fleet/driver.entity';
import { DriversService } from '../../fleet/drivers.service';
import { VehiclesService } from '../../fleet/vehicles.service';
import { notFound } from '../../infra/errors/domain-error';
import { NetworkNode } from '../../network/network-node.entity';
import { NetworkQueryService } from '../../network/network-query.service';
import { ShipmentsQueryService } from '../../shipments/shipments-query.service';
import { PlanRequestsService } from '../plan-requests.service';
import type { PlanRoute } from '../plan-route.entity';
import type { Plan } from '../plan.entity';
import { RouteManifestSource } from './driver-manifest';

export interface PlanManifestSource {
  county: RouteManifestSource['county'];
  plan: Plan;
  routes: RouteManifestSource[];
}

/** The route's driver: the one the dispatcher set on the route (by default its vehicle's driver when the plan was computed). */
export function routeDriver(route: PlanRoute, drivers: Driver[]): Driver | null {
  return route.driverId === null ? null : (drivers.find((driver) => driver.id === route.driverId) ?? null);
}

/** Loads what manifests print, through the owning modules' services, in a handful of queries per plan. */
@Injectable()
export class ManifestSourceService {
  constructor(
    private readonly plans: PlanRequestsService,
    private readonly counties: CountiesService,
    private readonly network: NetworkQueryService,
    private readonly vehicles: VehiclesService,
    private readonly drivers: DriversService,
    private readonly shipments: ShipmentsQueryService,
  ) {}

  /** One source per route of the plan (all of them, or only `routeId`: 404 when the plan has no such route). */
  async forPlan(countyId: string, planId: string, routeId?: string): Promise<PlanManifestSource> {
    const { plan, routes } = await this.plans.getWithRoutes(countyId, planId, routeId);
    if (routeId !== undefined && routes.length === 0) throw notFound('route', routeId);
    const county = await this.counties.get(countyId);
    const stops = routes.flatMap((route) => route.stops ?? []);
    const nodeIds = new Set([...routes.map((route) => route.startNodeId), ...stops.map((stop) => stop.nodeId)]);
    const nodes = await this.network.getNodes(countyId, [...nodeIds]);
    const nodesById = new Map<string, NetworkNode>(nodes.map((node) => [node.id, node]));
    const vehiclesById = new Map((await this.vehicles.list(countyId)).map((vehicle) => [vehicle.id, vehicle]));
    const drivers = await this.drivers.list(countyId);
    const shipmentIds = [...new Set(stops.flatMap((stop) => stop.shipmentIds))];
    const shipmentsById = new Map((await this.shipments.withParcels(countyId, shipmentIds)).map((entry) => [entry.shipment.id, entry]));
    const countyFacts = { id: county.id, name: county.name, adminCode: county.adminCode, timeZone: county.timeZone };
    const sources = routes.map((route) => ({
      county: countyFacts,
      plan,
      route,
      vehicle: vehiclesById.get(route.vehicleId),
      driver: routeDriver(route, drivers),
      nodesById,
      shipmentsById,
    }));
    return { county: countyFacts, plan, routes: sources };
  }
}
