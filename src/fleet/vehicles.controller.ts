import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles, WRITE_ROLES } from '../infra/auth/principal';
import { CreateVehicleDto, UpdateVehicleDto } from './dto/vehicle.dto';
import { toVehicleResponse, VehicleResponse } from './fleet.responses';
import { VEHICLE_CLASSES, VehicleClass } from './vehicle.entity';
import { VehiclesService } from './vehicles.service';

@ApiTags('fleet')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'missing or unknown API key (problem+json)' })
@ApiForbiddenResponse({ description: "another county's id, or a role that may not write (problem+json)" })
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
  @ApiQuery({ name: 'vehicleClass', required: false, enum: VEHICLE_CLASSES })
  @ApiOkResponse({ type: [VehicleResponse] })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string, @Query('vehicleClass') vehicleClass?: VehicleClass): Promise<VehicleResponse[]> {
    return (await this.vehicles.list(countyId, vehicleClass && VEHICLE_CLASSES.includes(vehicleClass) ? { vehicleClass } : {})).map(toVehicleResponse);
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
  async update(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('vehicleId', ParseUUIDPipe) vehicleId: string,
    @Body() body: UpdateVehicleDto,
  ): Promise<VehicleResponse> {
    return toVehicleResponse(await this.vehicles.update(countyId, vehicleId, body));
  }
}
