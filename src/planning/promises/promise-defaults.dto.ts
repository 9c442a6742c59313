import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CLOCK_TIME } from '../../infra/time/clock-time';
import { SERVICE_LEVELS } from '../../shipments/dto/shipment-input.dto';
import { MAX_DAYS_AFTER_ARRIVAL, ServiceLevel } from './promise-rules';

export class PromiseRuleDto {
  @ApiProperty({ enum: SERVICE_LEVELS })
  @IsIn(SERVICE_LEVELS)
  serviceLevel!: ServiceLevel;

  @ApiProperty({ minimum: 0, maximum: MAX_DAYS_AFTER_ARRIVAL, example: 3, description: 'due on this calendar day after arrival (0: the same day)' })
  @IsInt()
  @Min(0)
  @Max(MAX_DAYS_AFTER_ARRIVAL)
  daysAfterArrival!: number;

  @ApiProperty({ example: '20:00', description: 'local time it is due by' })
  @Matches(CLOCK_TIME, { message: 'dueTime must be HH:MM (00:00-23:59)' })
  dueTime!: string;

  @ApiProperty({ type: String, nullable: true, example: '12:00', description: 'arriving later than this counts from the next day; null: no cut-off' })
  @ValidateIf((rule: PromiseRuleDto) => rule.cutoffTime !== null)
  @Matches(CLOCK_TIME, { message: 'cutoffTime must be HH:MM (00:00-23:59) or null' })
  cutoffTime!: string | null;
}

/** PUT …/promise-defaults: the levels listed are replaced; the others keep what they had. */
export class PromiseDefaultsDto {
  @ApiProperty({ type: [PromiseRuleDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICE_LEVELS.length)
  @ValidateNested({ each: true })
  @Type(() => PromiseRuleDto)
  rules!: PromiseRuleDto[];
}

export class PromiseRuleResponse extends PromiseRuleDto {
  @ApiProperty({ enum: ['county', 'default'], description: "county: set by the county; default: the product's default (docs/planning.md)" })
  source!: 'county' | 'default';
}

export class PromiseDefaultsResponse {
  @ApiProperty({ type: [PromiseRuleResponse], description: 'one per service level the intake accepts' })
  rules!: PromiseRuleResponse[];
}
