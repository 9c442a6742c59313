import { ApiProperty } from '@nestjs/swagger';
import { ROUTE_STATUSES, RouteStatus } from '../../planning/plan-route.entity';
import { RouteDriverManifest } from '../../planning/manifests/driver-manifest';

export class DriverRunResponse {
  @ApiProperty({ format: 'uuid', description: 'name it in every event of this run' }) routeId!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ enum: ROUTE_STATUSES }) status!: RouteStatus;
  @ApiProperty({ type: RouteDriverManifest, description: "the same manifest the county centre prints (GET .../routes/{routeId}/manifest), with each stop's id" })
  manifest!: RouteDriverManifest;
}

export class DriverRunsResponse {
  @ApiProperty({ example: '2026-11-30' }) serviceDate!: string;
  @ApiProperty({ format: 'uuid' }) driverId!: string;
  @ApiProperty({ type: [DriverRunResponse], description: 'by wave, then route number' }) runs!: DriverRunResponse[];
}
