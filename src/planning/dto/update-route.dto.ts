import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ROUTE_STATUSES, RouteStatus } from '../plan-route.entity';

export class UpdateRouteDto {
  @ApiPropertyOptional({ format: 'uuid', description: "the route's driver (an active driver of the county)" })
  @IsOptional()
  @IsUUID()
  driverId?: string;

  @ApiPropertyOptional({ enum: ROUTE_STATUSES, description: 'planned → dispatched (plan published, driver set) → completed' })
  @IsOptional()
  @IsIn(ROUTE_STATUSES)
  status?: RouteStatus;

  @ApiPropertyOptional({ description: 'a locked route is kept as it is (same route and stop ids) when the plan is replanned' })
  @IsOptional()
  @IsBoolean()
  locked?: boolean;
}
