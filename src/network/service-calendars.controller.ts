import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { OperatorApi } from '../infra/auth/operator-api.decorator';
import { Roles, WRITE_ROLES } from '../infra/auth/principal';
import { ServiceCalendarDto, ServiceCalendarResponse, toServiceCalendarResponse } from './service-calendar.response';
import { ServiceCalendarsService } from './service-calendars.service';

@OperatorApi('network')
@Controller('v1/counties/:countyId/nodes/:nodeId/service-calendar')
export class ServiceCalendarsController {
  constructor(private readonly calendars: ServiceCalendarsService) {}

  @Get()
  @ApiOperation({ summary: "A village's or township station's service calendar, the station default it follows, and its next service days" })
  @ApiOkResponse({ type: ServiceCalendarResponse })
  @ApiNotFoundResponse({ description: 'no such node in the county' })
  async get(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('nodeId', ParseUUIDPipe) nodeId: string): Promise<ServiceCalendarResponse> {
    return toServiceCalendarResponse(await this.calendars.get(countyId, nodeId));
  }

  @Put()
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: "Set the node's own calendar (a station's is its villages' default)" })
  @ApiBody({ type: ServiceCalendarDto })
  @ApiOkResponse({ type: ServiceCalendarResponse })
  @ApiBadRequestResponse({ description: 'no service day, an unknown weekday, everyNDays < 1, a bad date, or a county hub (problem+json naming the field); nothing is written' })
  async set(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('nodeId', ParseUUIDPipe) nodeId: string, @Body() body: unknown): Promise<ServiceCalendarResponse> {
    return toServiceCalendarResponse(await this.calendars.set(countyId, nodeId, body));
  }

  @Delete()
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: 'Remove its own calendar: a village follows its station again; a station’s villages are served every day' })
  @ApiOkResponse({ type: ServiceCalendarResponse })
  async remove(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('nodeId', ParseUUIDPipe) nodeId: string): Promise<ServiceCalendarResponse> {
    return toServiceCalendarResponse(await this.calendars.remove(countyId, nodeId));
  }
}
