import { Injectable } from '@nestjs/common';
import { VehicleClass } from '@rural-dispatch/routing';
import { DriversService } from './drivers.service';
import { VehiclesService } from './vehicles.service';

/** A fleet as seeding files describe it (src/demo/county/ builds one): nodes by code, shifts as "HH:MM". */
export interface FleetSeed {
  vehicles: Array<{
    code: string;
    vehicleClass: VehicleClass;
    capacityWeightG: number;
    capacityVolumeCm3: number;
    capacityParcels: number;
    fixedCostFen: number;
    costPerKmFen: number;
    costPerHourFen: number;
    homeNodeCode: string;
    shiftStart: string;
    shiftEnd: string;
    maxDurationS?: number;
  }>;
  drivers: Array<{ name: string; phone: string; homeNodeCode?: string; vehicleCode?: string }>;
}

export interface FleetSeedResult {
  vehicles: number;
  drivers: number;
}

/** Upserts vehicles by code and drivers by phone through the same services as the API, so seeding is re-runnable. */
@Injectable()
export class FleetSeedService {
  constructor(
    private readonly vehicles: VehiclesService,
    private readonly drivers: DriversService,
  ) {}

  async upsertFleet(countyId: string, fleet: FleetSeed): Promise<FleetSeedResult> {
    for (const vehicle of fleet.vehicles) await this.vehicles.upsertByCode(countyId, vehicle);
    for (const driver of fleet.drivers) await this.drivers.upsertByPhone(countyId, driver);
    return { vehicles: fleet.vehicles.length, drivers: fleet.drivers.length };
  }
}
