import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class RequestPlanDto {
  @ApiProperty({ example: '2026-11-30', description: 'local service date in the county time zone, YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'serviceDate must be YYYY-MM-DD' })
  serviceDate!: string;

  @ApiProperty({ minimum: 1, maximum: 9, example: 1, description: 'planning wave of the day' })
  @IsInt()
  @Min(1)
  @Max(9)
  wave!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 600, default: 10, description: 'solver wall-clock budget for the whole plan, seconds' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitS?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 2147483647, default: 1, description: 'solver seed: same input and seed, same plan' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2147483647)
  seed?: number;

  @ApiPropertyOptional({ default: false, description: 'recompute a completed or failed plan of the same wave (its shipments are released first)' })
  @IsOptional()
  @IsBoolean()
  replan?: boolean;
}
