import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';

export class ScheduledWaveDto {
  @ApiProperty({ minimum: 1, maximum: 9, example: 1 })
  @IsInt()
  @Min(1)
  @Max(9)
  wave!: number;

  @ApiProperty({ example: '06:30', description: "cut-off, HH:MM local time in the county's time zone" })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'cutoff must be HH:MM (00:00-23:59)' })
  cutoff!: string;
}

export class WaveScheduleDto {
  @ApiProperty({ type: [ScheduledWaveDto] })
  @IsArray()
  @ArrayMaxSize(9)
  @ValidateNested({ each: true })
  @Type(() => ScheduledWaveDto)
  waves!: ScheduledWaveDto[];

  @ApiProperty({ description: 'publish each scheduled plan as soon as it is computed (else it stays a draft)' })
  @IsBoolean()
  autoPublish!: boolean;
}
