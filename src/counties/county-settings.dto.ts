import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PLANNING_HORIZON_DAYS } from './counties.service';

/** PATCH /v1/counties/{countyId}: the county's own settings (admins). */
export class UpdateCountySettingsBody {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_PLANNING_HORIZON_DAYS,
    default: 7,
    description: "plans may be requested for the county's local today up to this many days ahead; 0 allows today only",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PLANNING_HORIZON_DAYS)
  planningHorizonDays?: number;
}
