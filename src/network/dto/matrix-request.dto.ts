import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { VEHICLE_CLASSES, VehicleClass } from '@rural-dispatch/routing';

export class MatrixRequestDto {
  @ApiPropertyOptional({ type: [String], description: 'node codes or ids, in matrix order; default every node (hub, stations, villages by code)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  nodeCodes?: string[];

  @ApiProperty({ enum: VEHICLE_CLASSES })
  @IsIn(VEHICLE_CLASSES)
  vehicleClass!: VehicleClass;

  @ApiPropertyOptional({ description: 'departure time, ISO 8601 with offset; roads closed at that time are left out (default now)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  // Without an offset the instant would depend on the server's time zone.
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'at must end with an offset, Z or ±HH:MM' })
  at?: string;
}
