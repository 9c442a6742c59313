import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { VehicleClass } from '@rural-dispatch/routing';
import { VehiclesService } from '../fleet/vehicles.service';
import { TravelMatrixService } from '../network/matrix/travel-matrix.service';
import { NetworkNode } from '../network/network-node.entity';
import { NetworkQueryService } from '../network/network-query.service';
import { PlannableShipmentsService } from '../shipments/plannable-shipments.service';
import { localSecondsToInstant } from './planner/local-time';
import { NodeMatrix, WaveNode, WaveShipment, WaveVehicle } from './planner/wave-model';
import { PlanInputError } from './plan-job';

export interface LoadedPlanningInputs {
  timeZone: string;
  networkVersion: number;
  hubNodeId: string;
  nodes: WaveNode[];
  vehicles: WaveVehicle[];
  shipments: WaveShipment[];
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
    private readonly shipments: PlannableShipmentsService,
    private readonly travelMatrices: TravelMatrixService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async load(countyId: string, planId: string, serviceDate: string): Promise<LoadedPlanningInputs> {
    const county = await this.counties.get(countyId);
    const nodes = await this.allNodes(countyId);
    const hubs = nodes.filter((node) => node.tier === 'county_hub');
    if (hubs.length !== 1) throw new PlanInputError(`the county needs exactly one county hub to plan from, it has ${hubs.length}`);
    const vehicles = (await this.vehicles.list(countyId, { active: true })).map((vehicle): WaveVehicle => ({
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
    }));
    if (vehicles.length === 0) throw new PlanInputError('the county has no active vehicle');
    const alreadyPlannedPickups = await this.pickupsOnOtherPlans(countyId, planId, serviceDate);
    const shipments = (await this.shipments.listPlannable(countyId))
      .filter((shipment) => !(shipment.direction === 'outbound_pickup' && alreadyPlannedPickups.has(shipment.id)))
      .map((shipment): WaveShipment => ({
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
      shipments,
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
   * Produce pickups keep `requested` until collected, so another completed wave of the same day
   * that already routes them must not route them again.
   */
  private async pickupsOnOtherPlans(countyId: string, planId: string, serviceDate: string): Promise<Set<string>> {
    const rows: Array<{ shipment_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT unnest(s.shipment_ids) AS shipment_id
         FROM plan_stop s JOIN plan_route r ON r.id = s.route_id JOIN plan p ON p.id = r.plan_id
        WHERE p.county_id = $1 AND p.service_date = $2 AND p.status = 'completed' AND p.id <> $3 AND s.kind = 'village'`,
      [countyId, serviceDate, planId],
    );
    return new Set(rows.map((row) => row.shipment_id));
  }
}

function toWaveNode(node: NetworkNode): WaveNode {
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
