import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { Roles, WRITE_ROLES } from '../infra/auth/principal';
import { CreateVehicleDto, ListVehiclesQueryDto, UpdateVehicleDto } from './dto/vehicle.dto';
import { toVehicleResponse, VehicleResponse } from './fleet.responses';
import { VehiclesService } from './vehicles.service';
import { OperatorApi } from '../infra/auth/operator-api.decorator';

@OperatorApi('fleet')
@Controller('v1/counties/:countyId/vehicles')
export class VehiclesController {
  constructor(private readonly vehicles: VehiclesService) {}

  @Post()
  @Roles(...WRITE_ROLES)
  @ApiCreatedResponse({ type: VehicleResponse })
  @ApiBadRequestResponse({ description: 'invalid field or unknown home node (problem+json)' })
  @ApiConflictResponse({ description: 'code already used in the county' })
  async create(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: CreateVehicleDto): Promise<VehicleResponse> {
    return toVehicleResponse(await this.vehicles.create(countyId, body));
  }

  @Get()
  @ApiOkResponse({ type: [VehicleResponse], description: 'ordered by code' })
  @ApiBadRequestResponse({ description: 'unknown vehicle class or active flag' })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string, @Query() query: ListVehiclesQueryDto): Promise<VehicleResponse[]> {
    const filter = { ...(query.vehicleClass ? { vehicleClass: query.vehicleClass } : {}), ...(query.active ? { active: query.active === 'true' } : {}) };
    return (await this.vehicles.list(countyId, filter)).map(toVehicleResponse);
  }

  @Get(':vehicleId')
  @ApiOkResponse({ type: VehicleResponse })
  @ApiNotFoundResponse({ description: 'no such vehicle in the county' })
  async get(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('vehicleId', ParseUUIDPipe) vehicleId: string): Promise<VehicleResponse> {
    return toVehicleResponse(await this.vehicles.get(countyId, vehicleId));
  }

  @Patch(':vehicleId')
  @Roles(...WRITE_ROLES)
  @ApiOkResponse({ type: VehicleResponse })
  @ApiBadRequestResponse({ description: 'invalid field (problem+json)' })
  @ApiNotFoundResponse({ description: 'no such vehicle in the county' })
  @ApiConflictResponse({ description: 'code already used in the county' })
  async update(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('vehicleId', ParseUUIDPipe) vehicleId: string, @Body() body: UpdateVehicleDto): Promise<VehicleResponse> {
    return toVehicleResponse(await this.vehicles.update(countyId, vehicleId, body));
  }
}
