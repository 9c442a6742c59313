import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles, WRITE_ROLES } from '../infra/auth/principal';
import { ScheduledWaveDto, WaveScheduleDto } from './dto/wave-schedule.dto';
import { WaveSchedule } from './wave-schedule.entity';
import { WaveSchedulesService } from './wave-schedules.service';

export class WaveScheduleResponse {
  @ApiProperty({ type: [ScheduledWaveDto] }) waves!: ScheduledWaveDto[];
  @ApiProperty() autoPublish!: boolean;
  @ApiProperty({ description: "BullMQ job schedulers: id, cron pattern and the county's time zone" })
  schedulers!: Array<{ id: string; pattern: string | null; tz: string | null }>;
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('v1/counties/:countyId/wave-schedule')
export class WaveSchedulesController {
  constructor(private readonly schedules: WaveSchedulesService) {}

  @Get()
  @ApiOkResponse({ type: WaveScheduleResponse })
  async get(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<WaveScheduleResponse> {
    return this.toResponse(await this.schedules.get(countyId));
  }

  /** Replaces the county's wave cut-offs; its job schedulers follow (added, moved, removed). */
  @Put()
  @Roles(...WRITE_ROLES)
  @ApiOkResponse({ type: WaveScheduleResponse })
  async set(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: WaveScheduleDto): Promise<WaveScheduleResponse> {
    return this.toResponse(await this.schedules.set(countyId, body));
  }

  private async toResponse(schedule: WaveSchedule): Promise<WaveScheduleResponse> {
    return { waves: schedule.waves, autoPublish: schedule.autoPublish, schedulers: await this.schedules.schedulers(schedule.countyId) };
  }
}
