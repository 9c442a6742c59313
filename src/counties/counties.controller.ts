import { Body, Controller, Get, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '../infra/auth/principal';
import { ApiProblems } from '../infra/errors/api-problems';
import { CountiesService } from './counties.service';
import { CountyResponse, toCountyResponse } from './county.response';
import { UpdateCountySettingsBody } from './county-settings.dto';

@ApiTags('counties')
@ApiBearerAuth()
@Controller('v1/counties')
export class CountiesController {
  constructor(private readonly counties: CountiesService) {}

  /** A key sees exactly one county, its own. */
  @Get()
  @ApiOkResponse({ type: [CountyResponse] })
  async list(@CurrentPrincipal() principal: Principal): Promise<CountyResponse[]> {
    return [toCountyResponse(await this.counties.get(principal.countyId))];
  }

  @Get(':countyId')
  @ApiOkResponse({ type: CountyResponse })
  async get(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<CountyResponse> {
    return toCountyResponse(await this.counties.get(countyId));
  }

  @Patch(':countyId')
  @Roles('admin')
  @ApiOperation({ summary: "Change the county's settings (the planning horizon, the handling costs per parcel)" })
  @ApiOkResponse({ type: CountyResponse })
  @ApiProblems(400, 403, 404)
  async update(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: UpdateCountySettingsBody): Promise<CountyResponse> {
    return toCountyResponse(await this.counties.updateSettings(countyId, body));
  }
}
