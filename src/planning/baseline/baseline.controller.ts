import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { ApiProblems } from '../../infra/errors/api-problems';
import { PlanRequestsService } from '../plan-requests.service';
import { RouteRunResponse } from '../plan.response';
import { BaselineRoute } from './baseline-route.entity';

class BaselineStopResponse {
  @ApiProperty() sequence!: number;
  @ApiProperty({ format: 'uuid' }) nodeId!: string;
  @ApiProperty({ format: 'date-time' }) arrivalAt!: string;
  @ApiProperty({ format: 'date-time' }) departureAt!: string;
  @ApiProperty() parcelsDelivered!: number;
  @ApiProperty() parcelsPickedUp!: number;
  @ApiProperty() weightDeliveredG!: number;
  @ApiProperty() weightPickedUpG!: number;
  @ApiProperty({ type: [String] }) shipmentIds!: string[];
}

class BaselineRouteResponse extends RouteRunResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() routeNumber!: number;
  @ApiProperty({ format: 'uuid', description: 'the carrier whose parcels it carries' }) platformId!: string;
  @ApiProperty({ example: 'van' }) vehicleClass!: string;
  @ApiProperty({ format: 'uuid', description: 'the hub vehicle whose type the carrier runs' }) templateVehicleId!: string;
  @ApiProperty({ description: '{ weightG, volumeCm3, parcels }' }) capacity!: { weightG: number; volumeCm3: number; parcels: number };
  @ApiProperty({ type: [BaselineStopResponse] }) stops!: BaselineStopResponse[];
}

/** The plan's unconsolidated baseline as stored: each carrier's own routes from the hub. */
@OperatorApi('plans', "another county's id (problem+json)")
@Controller('v1/counties/:countyId/plans/:planId/baseline')
export class BaselineController {
  constructor(
    private readonly plans: PlanRequestsService,
    @InjectRepository(BaselineRoute) private readonly routes: Repository<BaselineRoute>,
  ) {}

  @Get()
  @ApiOperation({ summary: "The baseline's routes and stops: the same parcels, each carrier alone from the hub, no transfer (empty until computed)" })
  @ApiOkResponse({ type: [BaselineRouteResponse] })
  @ApiProblems(404)
  async list(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('planId', ParseUUIDPipe) planId: string): Promise<BaselineRouteResponse[]> {
    const plan = await this.plans.get(countyId, planId);
    if (plan.status !== 'computed') return [];
    const routes = await this.routes.find({ where: { planId }, relations: { stops: true }, order: { routeNumber: 'ASC', stops: { sequence: 'ASC' } } });
    return routes.map(toBaselineRouteResponse);
  }
}

function toBaselineRouteResponse(route: BaselineRoute): BaselineRouteResponse {
  return {
    id: route.id,
    routeNumber: route.routeNumber,
    platformId: route.platformId,
    vehicleClass: route.vehicleClass,
    templateVehicleId: route.templateVehicleId,
    capacity: { weightG: route.capacityWeightG, volumeCm3: route.capacityVolumeCm3, parcels: route.capacityParcels },
    startNodeId: route.startNodeId,
    distanceM: route.distanceM,
    durationS: route.durationS,
    costFen: route.costFen,
    parcelsDelivered: route.parcelsDelivered,
    parcelsPickedUp: route.parcelsPickedUp,
    peakLoad: { weightG: route.peakLoadWeightG, volumeCm3: route.peakLoadVolumeCm3, parcels: route.peakLoadParcels },
    departureAt: route.departureAt.toISOString(),
    returnAt: route.returnAt.toISOString(),
    stops: (route.stops ?? []).map((stop) => ({
      sequence: stop.sequence,
      nodeId: stop.nodeId,
      arrivalAt: stop.arrivalAt.toISOString(),
      departureAt: stop.departureAt.toISOString(),
      parcelsDelivered: stop.parcelsDelivered,
      parcelsPickedUp: stop.parcelsPickedUp,
      weightDeliveredG: stop.weightDeliveredG,
      weightPickedUpG: stop.weightPickedUpG,
      shipmentIds: stop.shipmentIds,
    })),
  };
}
