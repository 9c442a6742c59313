import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CountiesService } from '../../counties/counties.service';
import { NetworkQueryService } from '../../network/network-query.service';
import { ShipmentsQueryService } from '../../shipments/shipments-query.service';
import { Plan } from '../plan.entity';
import { PlanRequestsService } from '../plan-requests.service';
import { PlanDeferral } from './plan-deferral.entity';

export interface DeferredShipmentRow {
  deferral: PlanDeferral;
  platformShipmentId: string | null;
  village: { id: string; code: string; name: string } | null;
}

/** A plan's deferred shipments, with what an operator looks them up by (platform id, village). */
@Injectable()
export class PlanDeferralsService {
  constructor(
    @InjectRepository(PlanDeferral) private readonly deferrals: Repository<PlanDeferral>,
    private readonly plans: PlanRequestsService,
    private readonly counties: CountiesService,
    private readonly shipments: ShipmentsQueryService,
    private readonly network: NetworkQueryService,
  ) {}

  async list(countyId: string, planId: string): Promise<{ plan: Plan; timeZone: string; rows: DeferredShipmentRow[] }> {
    const plan = await this.plans.get(countyId, planId);
    const deferrals = await this.deferrals.find({ where: { planId }, order: { plannedFor: 'ASC', villageNodeId: 'ASC', shipmentId: 'ASC' } });
    const shipments = new Map((await this.shipments.many(countyId, [...new Set(deferrals.map((row) => row.shipmentId))])).map((shipment) => [shipment.id, shipment]));
    const villages = new Map((await this.network.getNodes(countyId, [...new Set(deferrals.map((row) => row.villageNodeId))])).map((node) => [node.id, node]));
    const rows = deferrals.map((deferral): DeferredShipmentRow => {
      const village = villages.get(deferral.villageNodeId);
      return {
        deferral,
        platformShipmentId: shipments.get(deferral.shipmentId)?.platformShipmentId ?? null,
        village: village ? { id: village.id, code: village.code, name: village.name } : null,
      };
    });
    return { plan, timeZone: (await this.counties.get(countyId)).timeZone, rows };
  }
}
