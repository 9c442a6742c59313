import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PLANNING_HORIZON_DAYS } from './counties.service';
import { DEFAULT_HANDLING_COSTS, MAX_HANDLING_FEN_PER_PARCEL } from './handling-costs';

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

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_HANDLING_FEN_PER_PARCEL,
    default: DEFAULT_HANDLING_COSTS.hubSortFenPerParcel,
    description: 'fen per parcel for sorting at the county hub, charged to the consolidated plan (not to the unconsolidated baseline); applies to plans computed afterwards',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_HANDLING_FEN_PER_PARCEL)
  hubSortFenPerParcel?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_HANDLING_FEN_PER_PARCEL,
    default: DEFAULT_HANDLING_COSTS.townshipHandoverFenPerParcel,
    description: 'fen per parcel handed over at a township station (trunk drop or pickup hand-back), charged to the consolidated plan; applies to plans computed afterwards',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_HANDLING_FEN_PER_PARCEL)
  townshipHandoverFenPerParcel?: number;
}
