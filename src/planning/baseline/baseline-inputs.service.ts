import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ShipmentFactsService } from '../../shipments/shipment-facts.service';
import { LoadedPlanningInputs } from '../planning-inputs.service';
import { WavePlan } from '../planner/wave-model';
import { Plan } from '../plan.entity';
import { BaselineInput, BaselineShipment } from './baseline-model';

/**
 * The baseline's input: exactly the shipments that ride on the consolidated plan (the run's own and
 * those on the plan's locked routes, which a draft replanned in place keeps), each with its carrier,
 * and the hub's vehicles as configured.
 */
@Injectable()
export class BaselineInputsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly facts: ShipmentFactsService,
  ) {}

  async inputFor(plan: Pick<Plan, 'id' | 'countyId' | 'serviceDate' | 'seed' | 'timeLimitS'>, loaded: LoadedPlanningInputs, wave: WavePlan): Promise<BaselineInput> {
    const kept: Array<{ shipment_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT unnest(s.shipment_ids) AS shipment_id FROM plan_stop s JOIN plan_route r ON r.id = s.route_id WHERE r.plan_id = $1 AND r.locked AND s.kind = 'village'`,
      [plan.id],
    );
    const riding = [...new Set([...wave.plannedShipmentIds, ...kept.map((row) => row.shipment_id)])];
    const shipments = (await this.facts.factsOf(plan.countyId, riding)).map((facts): BaselineShipment => ({
      id: facts.id,
      platformId: facts.platformId,
      direction: facts.direction === 'inbound' ? 'delivery' : 'pickup',
      villageNodeId: facts.villageNodeId!,
      weightG: facts.weightG,
      volumeCm3: facts.volumeCm3,
      parcelCount: facts.parcelCount,
    }));
    return {
      serviceDate: plan.serviceDate,
      hubNodeId: loaded.hubNodeId,
      nodes: loaded.nodes,
      hubVehicles: loaded.fleet.filter((vehicle) => vehicle.homeNodeId === loaded.hubNodeId),
      shipments,
      seed: plan.seed,
      timeLimitMs: plan.timeLimitS * 1000,
    };
  }
}
