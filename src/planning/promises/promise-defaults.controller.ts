import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { Roles } from '../../infra/auth/principal';
import { ApiProblems } from '../../infra/errors/api-problems';
import { PromiseDefaultsDto, PromiseDefaultsResponse } from './promise-defaults.dto';
import { PromiseDefaultsService } from './promise-defaults.service';

@OperatorApi('plans')
@Controller('v1/counties/:countyId/promise-defaults')
export class PromiseDefaultsController {
  constructor(private readonly promises: PromiseDefaultsService) {}

  @Get()
  @ApiOperation({ summary: 'The promise a shipment without promisedBy gets, per service level' })
  @ApiOkResponse({ type: PromiseDefaultsResponse })
  async get(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<PromiseDefaultsResponse> {
    return { rules: await this.promises.list(countyId) };
  }

  /** A county setting, like the planning horizon: admins only. It applies to every plan computed afterwards. */
  @Put()
  @Roles('admin')
  @ApiOperation({ summary: "Set the county's default promise of the listed service levels" })
  @ApiOkResponse({ type: PromiseDefaultsResponse })
  @ApiProblems(400, 403, 404)
  async set(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: PromiseDefaultsDto): Promise<PromiseDefaultsResponse> {
    return { rules: await this.promises.set(countyId, body.rules) };
  }
}
