import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { Roles, WRITE_ROLES } from '../infra/auth/principal';
import { DriversService } from './drivers.service';
import { CreateDriverDto, UpdateDriverDto } from './dto/driver.dto';
import { DriverResponse, toDriverResponse } from './fleet.responses';
import { OperatorApi } from '../infra/auth/operator-api.decorator';

@OperatorApi('fleet')
@Controller('v1/counties/:countyId/drivers')
export class DriversController {
  constructor(private readonly drivers: DriversService) {}

  @Post()
  @Roles(...WRITE_ROLES)
  @ApiCreatedResponse({ type: DriverResponse })
  @ApiBadRequestResponse({ description: 'invalid field, unknown vehicle or home node (problem+json)' })
  @ApiConflictResponse({ description: 'phone already used in the county' })
  async create(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: CreateDriverDto): Promise<DriverResponse> {
    return toDriverResponse(await this.drivers.create(countyId, body));
  }

  @Get()
  @ApiOkResponse({ type: [DriverResponse] })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<DriverResponse[]> {
    return (await this.drivers.list(countyId)).map(toDriverResponse);
  }

  @Get(':driverId')
  @ApiOkResponse({ type: DriverResponse })
  @ApiNotFoundResponse({ description: 'no such driver in the county' })
  async get(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('driverId', ParseUUIDPipe) driverId: string): Promise<DriverResponse> {
    return toDriverResponse(await this.drivers.get(countyId, driverId));
  }

  @Patch(':driverId')
  @Roles(...WRITE_ROLES)
  @ApiOkResponse({ type: DriverResponse })
  @ApiBadRequestResponse({ description: 'invalid field (problem+json)' })
  @ApiNotFoundResponse({ description: 'no such driver in the county' })
  @ApiConflictResponse({ description: 'phone already used in the county' })
  async update(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('driverId', ParseUUIDPipe) driverId: string, @Body() body: UpdateDriverDto): Promise<DriverResponse> {
    return toDriverResponse(await this.drivers.update(countyId, driverId, body));
  }
}
