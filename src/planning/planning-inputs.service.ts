import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { VehicleClass } from '@rural-dispatch/routing';
import { DriversService } from '../fleet/drivers.service';
import { Vehicle } from '../fleet/vehicle.entity';
import { VehiclesService } from '../fleet/vehicles.service';
import { TravelMatrixService } from '../network/matrix/travel-matrix.service';
import { NetworkNode } from '../network/network-node.entity';
import { NetworkQueryService } from '../network/network-query.service';
import { PlannableShipmentsService } from '../shipments/plannable-shipments.service';
import { localSecondsToInstant } from './planner/local-time';
import { NodeMatrix, StartingRoute, WaveNode, WaveShipment, WaveVehicle } from './planner/wave-model';
import { readStartingRoutes } from './replan-starting-routes';
import { PlanInputError } from './plan-job';
import { ROUTES_RESERVED_BY_OTHER_PLANS } from './day-reservations';
import { Plan } from './plan.entity';
import { ConsolidationContext, ShipmentPromise } from './consolidation/shipment-urgency';
import { PromiseDefaultsService } from './promises/promise-defaults.service';
import { bindingPromise } from './promises/promise-rules';
import { VillageCalendars } from '../network/service-calendar';

export interface LoadedPlanningInputs {
  timeZone: string;
  networkVersion: number;
  hubNodeId: string;
  nodes: WaveNode[];
  vehicles: WaveVehicle[];
  /** The active vehicles as configured, before the day's reservations moved their shifts (the baseline's vehicle types). */
  fleet: WaveVehicle[];
  shipments: WaveShipment[];
  /** The active driver assigned to each vehicle (the route's default driver). */
  driverIdByVehicle: Map<string, string>;
  /** Each shipment's binding promise and each village's calendars: what decides must go and may go. */
  consolidation: ConsolidationContext;
  /** On a replan, the routes it replaces (the solves start from them); undefined on a first plan. */
  startingRoutes: StartingRoute[] | undefined;
}

/** What the day's published (or completed) plans hold: vehicles until their return, and shipments. */
interface DayReservations {
  /** Per vehicle, the latest return of its reserved routes, in seconds after local midnight. */
  busyUntilS: Map<string, number>;
  shipmentIds: Set<string>;
}

/** Matrices are computed for the road closures in force at this local time of the service date. */
const MATRIX_REFERENCE_TIME_S = 8 * 3600;

/**
 * Gathers what a plan needs from the modules that own it (counties, network, fleet, shipments),
 * through their exported services, as the planner's plain shapes.
 */
@Injectable()
export class PlanningInputsService {
  constructor(
    private readonly counties: CountiesService,
    private readonly network: NetworkQueryService,
    private readonly vehicles: VehiclesService,
    private readonly drivers: DriversService,
    private readonly shipments: PlannableShipmentsService,
    private readonly travelMatrices: TravelMatrixService,
    private readonly promiseDefaults: PromiseDefaultsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async load(plan: Pick<Plan, 'id' | 'countyId' | 'serviceDate' | 'supersedesPlanId' | 'startingRoutes'>): Promise<LoadedPlanningInputs> {
    const { countyId } = plan;
    const county = await this.counties.get(countyId);
    const nodes = await this.allNodes(countyId);
    const hubs = nodes.filter((node) => node.tier === 'county_hub');
    if (hubs.length !== 1) throw new PlanInputError(`the county needs exactly one county hub to plan from, it has ${hubs.length}`);
    const reserved = await this.dayReservations(plan, county.timeZone);
    const serviceTimeS = new Map(nodes.map((node) => [node.id, node.serviceTimeS]));
    const fleet = (await this.vehicles.list(countyId, { active: true })).map(toWaveVehicle);
    if (fleet.length === 0) throw new PlanInputError('the county has no active vehicle');
    const vehicles = fleet.flatMap((vehicle) => withShiftAfterReservations(vehicle, reserved.busyUntilS.get(vehicle.id), serviceTimeS.get(vehicle.homeNodeId) ?? 0));
    const plannable = (await this.shipments.listPlannable(countyId, await this.supersededShipmentIds(plan.supersedesPlanId))).filter(
      (shipment) => !reserved.shipmentIds.has(shipment.id),
    );
    const rules = await this.promiseDefaults.rulesByLevel(countyId);
    const promises = new Map(
      plannable.map((shipment): [string, ShipmentPromise] => [
        shipment.id,
        { ...bindingPromise(shipment, rules, county.timeZone), serviceLevel: shipment.serviceLevel, lateOnArrival: shipment.lateOnArrival },
      ]),
    );
    const shipments = plannable.map((shipment): WaveShipment => ({
      id: shipment.id,
      direction: shipment.direction === 'inbound' ? 'delivery' : 'pickup',
      villageNodeId: shipment.villageNodeId,
      weightG: shipment.weightG,
      volumeCm3: shipment.volumeCm3,
      parcelCount: shipment.parcelCount,
    }));
    return {
      timeZone: county.timeZone,
      networkVersion: county.networkVersion,
      hubNodeId: hubs[0]!.id,
      nodes: nodes.map(toWaveNode),
      vehicles,
      fleet,
      shipments,
      driverIdByVehicle: await this.driverIdByVehicle(countyId),
      consolidation: { timeZone: county.timeZone, promises, calendars: villageCalendars(nodes) },
      startingRoutes: readStartingRoutes(plan.startingRoutes),
    };
  }

  /** A matrix source for the planner; records which method (roads or fallback) each matrix used. */
  matrixSource(countyId: string, serviceDate: string, timeZone: string, methods: Set<string>) {
    const at = localSecondsToInstant(serviceDate, MATRIX_REFERENCE_TIME_S, timeZone);
    return async (nodeIds: string[], vehicleClass: VehicleClass): Promise<NodeMatrix> => {
      const matrix = await this.travelMatrices.computeMatrix(countyId, nodeIds, vehicleClass, at);
      methods.add(matrix.method);
      return { nodeIds: matrix.nodes.map((node) => node.id), distanceM: matrix.distanceM, durationS: matrix.durationS };
    };
  }

  /** After a plan's solves: the county's cached matrices that this run did not use are dropped (TravelMatrixService.endPlanningRun). */
  endMatrixRun(countyId: string): void {
    this.travelMatrices.endPlanningRun(countyId);
  }

  private async allNodes(countyId: string): Promise<NetworkNode[]> {
    const nodes: NetworkNode[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.network.listNodes(countyId, { limit: 1000, cursor });
      nodes.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return nodes;
  }

  /**
   * One fleet per day: the routes of the day's other published or completed plans keep their
   * vehicles until they return, and their shipments. Of the version this one replaces, only the
   * routes already dispatched (or done) or locked do: they stay fixed and move over to this version
   * when it is published. This plan's own locked routes (a draft replanned in place) stay too. Produce pickups stay `requested` until collected, so this is also what keeps them
   * from being routed twice.
   */
  private async dayReservations(plan: Pick<Plan, 'id' | 'countyId' | 'serviceDate' | 'supersedesPlanId'>, timeZone: string): Promise<DayReservations> {
    const reservedRoutes = `SELECT r.id FROM plan_route r JOIN plan p ON p.id = r.plan_id WHERE ${ROUTES_RESERVED_BY_OTHER_PLANS} OR (p.id = $3 AND r.locked)`;
    const parameters = [plan.countyId, plan.serviceDate, plan.id, plan.supersedesPlanId];
    const routes: Array<{ vehicle_id: string; return_at: Date }> = await this.dataSource.query(
      `SELECT vehicle_id, max(return_at) AS return_at FROM plan_route WHERE id IN (${reservedRoutes}) GROUP BY vehicle_id`,
      parameters,
    );
    const stops: Array<{ shipment_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT unnest(s.shipment_ids) AS shipment_id FROM plan_stop s WHERE s.route_id IN (${reservedRoutes}) AND s.kind = 'village'`,
      parameters,
    );
    const midnightMs = localSecondsToInstant(plan.serviceDate, 0, timeZone).getTime();
    return {
      busyUntilS: new Map(routes.map((row) => [row.vehicle_id, Math.ceil((new Date(row.return_at).getTime() - midnightMs) / 1000)])),
      shipmentIds: new Set(stops.map((row) => row.shipment_id)),
    };
  }

  /** The shipments on the village stops of the version this plan replaces (its fixed routes' are reserved above). */
  private async supersededShipmentIds(supersedesPlanId: string | null): Promise<string[]> {
    if (supersedesPlanId === null) return [];
    const rows: Array<{ shipment_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT unnest(s.shipment_ids) AS shipment_id FROM plan_stop s JOIN plan_route r ON r.id = s.route_id WHERE r.plan_id = $1 AND s.kind = 'village'`,
      [supersedesPlanId],
    );
    return rows.map((row) => row.shipment_id);
  }

  private async driverIdByVehicle(countyId: string): Promise<Map<string, string>> {
    const byVehicle = new Map<string, string>();
    // Sorted by id so that a vehicle with two drivers gets the same default every time.
    const drivers = (await this.drivers.list(countyId)).filter((driver) => driver.active && driver.vehicleId !== null).sort((a, b) => a.id.localeCompare(b.id));
    for (const driver of drivers) if (!byVehicle.has(driver.vehicleId!)) byVehicle.set(driver.vehicleId!, driver.id);
    return byVehicle;
  }
}

/**
 * The vehicle as a later wave may use it: its shift starts after its last reserved return plus its
 * base's loading time; a vehicle with no shift left is not offered at all. The library is unchanged.
 */
export function withShiftAfterReservations(vehicle: WaveVehicle, busyUntilS: number | undefined, loadingS: number): WaveVehicle[] {
  if (busyUntilS === undefined) return [vehicle];
  const shiftStartS = Math.max(vehicle.shiftStartS, busyUntilS + loadingS);
  return shiftStartS >= vehicle.shiftEndS ? [] : [{ ...vehicle, shiftStartS }];
}

/** Per village point: its own calendar and its township station's. */
function villageCalendars(nodes: NetworkNode[]): Map<string, VillageCalendars> {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const calendars = new Map<string, VillageCalendars>();
  for (const node of nodes) {
    if (node.tier === 'village_point') calendars.set(node.id, { own: node.serviceCalendar, station: byId.get(node.parentId ?? '')?.serviceCalendar ?? null });
  }
  return calendars;
}

/** A fleet vehicle as the planner sees it (also what a hand edit is priced with). */
export function toWaveVehicle(vehicle: Vehicle): WaveVehicle {
  return {
    id: vehicle.id,
    code: vehicle.code,
    vehicleClass: vehicle.vehicleClass,
    homeNodeId: vehicle.homeNodeId,
    capacity: { weightG: vehicle.capacityWeightG, volumeCm3: vehicle.capacityVolumeCm3, parcels: vehicle.capacityParcels },
    fixedCostFen: vehicle.fixedCostFen,
    costPerKmFen: vehicle.costPerKmFen,
    costPerHourFen: vehicle.costPerHourFen,
    shiftStartS: vehicle.shiftStartS,
    shiftEndS: vehicle.shiftEndS,
    maxDurationS: vehicle.maxDurationS,
  };
}

export function toWaveNode(node: NetworkNode): WaveNode {
  return {
    id: node.id,
    code: node.code,
    name: node.name,
    tier: node.tier,
    parentId: node.parentId,
    serviceTimeS: node.serviceTimeS,
    openingHours: node.openingHours,
  };
}
