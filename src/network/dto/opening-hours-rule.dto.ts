import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsInt, Matches, Max, Min } from 'class-validator';
import { CLOCK_TIME } from '../../infra/time/clock-time';

export class OpeningHoursRuleDto {
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5], description: 'ISO weekdays, 1 = Monday' })
  @IsArray()
  @ArrayMinSize(1)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days!: number[];

  @ApiProperty({ example: '08:00', description: 'local time of the county' })
  @Matches(CLOCK_TIME, { message: 'open must be HH:MM' })
  open!: string;

  @ApiProperty({ example: '18:00' })
  @Matches(CLOCK_TIME, { message: 'close must be HH:MM' })
  close!: string;
}
