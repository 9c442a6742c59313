import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '../infra/auth/principal';
import { CountiesService } from './counties.service';
import { CountyResponse, toCountyResponse } from './county.response';

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
}
