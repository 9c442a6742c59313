import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { VEHICLE_CLASSES, VehicleClass } from '@rural-dispatch/routing';
import { IsPlausibleInstant } from '../../infra/validation/input-rules';

/** A county's hub, stations and villages fit (Xihe has 420); the response grows with the square (500 nodes ≈ 3 MB). */
export const MAX_API_MATRIX_NODES = 500;

export class MatrixRequestDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_API_MATRIX_NODES,
    description: `node codes or ids, in matrix order, each node once; default every node (hub, stations, villages by code), which must then be at most ${MAX_API_MATRIX_NODES}`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_API_MATRIX_NODES)
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
  @IsPlausibleInstant()
  at?: string;
}
