import { ApiProperty } from '@nestjs/swagger';
import { SnappingResponse } from '../network/network.responses';
import { Driver } from './driver.entity';
import { secondsToClock } from '../infra/time/clock-time';
import { VEHICLE_CLASSES, VehicleClass } from '@rural-dispatch/routing';
import { Vehicle } from './vehicle.entity';

export class VehicleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: VEHICLE_CLASSES }) vehicleClass!: VehicleClass;
  @ApiProperty() capacityWeightG!: number;
  @ApiProperty() capacityVolumeCm3!: number;
  @ApiProperty() capacityParcels!: number;
  @ApiProperty() fixedCostFen!: number;
  @ApiProperty() costPerKmFen!: number;
  @ApiProperty() costPerHourFen!: number;
  @ApiProperty({ format: 'uuid' }) homeNodeId!: string;
  @ApiProperty({ example: '08:00' }) shiftStart!: string;
  @ApiProperty({ example: '18:00' }) shiftEnd!: string;
  @ApiProperty({ description: 'seconds after local midnight' }) shiftStartS!: number;
  @ApiProperty() shiftEndS!: number;
  @ApiProperty({ type: Number, nullable: true }) maxDurationS!: number | null;
  @ApiProperty() active!: boolean;
}

export class DriverResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() phone!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) vehicleId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) homeNodeId!: string | null;
  @ApiProperty() active!: boolean;
}

export function toVehicleResponse(vehicle: Vehicle): VehicleResponse {
  return {
    id: vehicle.id,
    code: vehicle.code,
    vehicleClass: vehicle.vehicleClass,
    capacityWeightG: vehicle.capacityWeightG,
    capacityVolumeCm3: vehicle.capacityVolumeCm3,
    capacityParcels: vehicle.capacityParcels,
    fixedCostFen: vehicle.fixedCostFen,
    costPerKmFen: vehicle.costPerKmFen,
    costPerHourFen: vehicle.costPerHourFen,
    homeNodeId: vehicle.homeNodeId,
    shiftStart: secondsToClock(vehicle.shiftStartS),
    shiftEnd: secondsToClock(vehicle.shiftEndS),
    shiftStartS: vehicle.shiftStartS,
    shiftEndS: vehicle.shiftEndS,
    maxDurationS: vehicle.maxDurationS,
    active: vehicle.active,
  };
}

export function toDriverResponse(driver: Driver): DriverResponse {
  return { id: driver.id, name: driver.name, phone: driver.phone, vehicleId: driver.vehicleId, homeNodeId: driver.homeNodeId, active: driver.active };
}

/** Nodes per tier, road length and network version (from the network module) with vehicles per class. */
export class NetworkSummaryResponse {
  @ApiProperty({ example: { county_hub: 1, township_station: 20, village_point: 399 } }) nodesByTier!: Record<string, number>;
  @ApiProperty() roadSegments!: number;
  @ApiProperty({ description: 'total road length, km (3 decimals)' }) roadKm!: number;
  @ApiProperty({ example: { truck: 2, van: 4 } }) vehiclesByClass!: Record<string, number>;
  @ApiProperty() networkVersion!: number;
  @ApiProperty({ type: SnappingResponse }) snapping!: SnappingResponse;
}
