import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { MAX_INT32, NODE_CODE } from '../../infra/validation/input-rules';
import { END_CLOCK_TIME } from '../../infra/time/clock-time';
import { VEHICLE_CLASSES, VehicleClass } from '@rural-dispatch/routing';
import { describeDefaultCosts } from '../vehicle-cost-defaults';

/** Every vehicle field optional: PATCH takes any subset; CreateVehicleDto makes the essentials required. */
export class UpdateVehicleDto {
  @ApiPropertyOptional({ example: '甘K·12345', description: 'plate or fleet number, unique in the county' })
  @IsOptional()
  @Length(1, 32)
  code?: string;

  @ApiPropertyOptional({ enum: VEHICLE_CLASSES })
  @IsOptional()
  @IsIn(VEHICLE_CLASSES)
  vehicleClass?: VehicleClass;

  @ApiPropertyOptional({ minimum: 0, description: 'grams' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  capacityWeightG?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'cm³' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  capacityVolumeCm3?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  capacityParcels?: number;

  @ApiPropertyOptional({
    minimum: 0,
    description: `fen per day out; when a new vehicle omits it, its class's default (${describeDefaultCosts('fixedCostFen')}); an explicit 0 is taken as given`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  fixedCostFen?: number;

  @ApiPropertyOptional({
    minimum: 0,
    description: `fen per km; when a new vehicle omits it, its class's default (${describeDefaultCosts('costPerKmFen')}); an explicit 0 is taken as given`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  costPerKmFen?: number;

  @ApiPropertyOptional({
    minimum: 0,
    description: `fen per hour; when a new vehicle omits it, its class's default (${describeDefaultCosts('costPerHourFen')}); an explicit 0 is taken as given`,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  costPerHourFen?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'home node id (or give homeNodeCode)' })
  @IsOptional()
  @IsUUID()
  homeNodeId?: string;

  @ApiPropertyOptional({ description: 'home node code (or give homeNodeId)' })
  @IsOptional()
  @Matches(NODE_CODE)
  @Length(1, 32)
  homeNodeCode?: string;

  @ApiPropertyOptional({ example: '08:00', description: 'shift start, HH:MM local time of the county' })
  @IsOptional()
  @Matches(END_CLOCK_TIME, { message: 'shiftStart must be HH:MM' })
  shiftStart?: string;

  @ApiPropertyOptional({ example: '18:00', description: 'shift end, HH:MM (24:00 allowed), after shiftStart' })
  @IsOptional()
  @Matches(END_CLOCK_TIME, { message: 'shiftEnd must be HH:MM' })
  shiftEnd?: string;

  @ApiPropertyOptional({ minimum: 60, maximum: 86400, description: 'longest route, seconds' })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(86_400)
  maxDurationS?: number;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class CreateVehicleDto extends UpdateVehicleDto {
  @ApiProperty({ example: '甘K·12345' })
  declare code: string;

  @ApiProperty({ enum: VEHICLE_CLASSES })
  declare vehicleClass: VehicleClass;

  @ApiProperty({ minimum: 0 })
  declare capacityWeightG: number;

  @ApiProperty({ minimum: 0 })
  declare capacityVolumeCm3: number;

  @ApiProperty({ minimum: 0 })
  declare capacityParcels: number;

  @ApiProperty({ example: '08:00' })
  declare shiftStart: string;

  @ApiProperty({ example: '18:00' })
  declare shiftEnd: string;
}

/** The required fields of a new vehicle; checked by the service because the DTO inherits @IsOptional. */
export const REQUIRED_VEHICLE_FIELDS = ['code', 'vehicleClass', 'capacityWeightG', 'capacityVolumeCm3', 'capacityParcels', 'shiftStart', 'shiftEnd'] as const;

export class ListVehiclesQueryDto {
  @ApiPropertyOptional({ enum: VEHICLE_CLASSES })
  @IsOptional()
  @IsIn(VEHICLE_CLASSES)
  vehicleClass?: VehicleClass;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only active (true) or inactive (false) vehicles' })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}
