import { Injectable } from '@nestjs/common';
import { NetworkSummaryService } from '../network/network-summary.service';
import { NetworkSummaryResponse } from './fleet.responses';
import { VehiclesService } from './vehicles.service';

/**
 * The operator's overview of a county: the network's figures plus vehicles per class. It lives in
 * fleet because fleet already depends on network (home nodes); network asking fleet would be a cycle.
 */
@Injectable()
export class CountySummaryService {
  constructor(
    private readonly network: NetworkSummaryService,
    private readonly vehicles: VehiclesService,
  ) {}

  async summarize(countyId: string): Promise<NetworkSummaryResponse> {
    const network = await this.network.summarize(countyId);
    return { ...network, vehiclesByClass: await this.vehicles.countByClass(countyId) };
  }
}
