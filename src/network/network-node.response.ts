import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NetworkNode, NODE_TIERS, NodeTier, OpeningHoursRule } from './network-node.entity';
import type { ServiceCalendar } from './service-calendar';

export class GeoJsonPointResponse {
  @ApiProperty({ enum: ['Point'] })
  type!: 'Point';

  @ApiProperty({ type: [Number], example: [105.7, 34.1], description: '[longitude, latitude], WGS 84' })
  coordinates!: [number, number];
}

export class OpeningHoursRuleResponse {
  @ApiProperty({ type: [Number], description: 'ISO weekdays, 1 = Monday' })
  days!: number[];

  @ApiProperty({ example: '08:00' })
  open!: string;

  @ApiProperty({ example: '18:00' })
  close!: string;
}

export class NetworkNodeResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NODE_TIERS })
  tier!: NodeTier;

  @ApiProperty()
  code!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  parentId!: string | null;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true, description: '12-digit statistical division code' })
  adminCode!: string | null;

  @ApiProperty({ type: GeoJsonPointResponse })
  location!: GeoJsonPointResponse;

  @ApiProperty({ type: Number, nullable: true })
  elevationM!: number | null;

  @ApiPropertyOptional({ type: [OpeningHoursRuleResponse], nullable: true, description: 'null = always open' })
  openingHours!: OpeningHoursRule[] | null;

  @ApiPropertyOptional({
    type: Object,
    nullable: true,
    description: 'its own service calendar (GET …/nodes/{nodeId}/service-calendar for the one in force); null: none of its own',
  })
  serviceCalendar!: ServiceCalendar | null;

  @ApiProperty()
  serviceTimeS!: number;

  @ApiProperty({ type: Number, nullable: true })
  storageCapacityParcels!: number | null;

  @ApiProperty()
  syntheticLocation!: boolean;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty()
  updatedAt!: string;
}

export class NetworkNodePageResponse {
  @ApiProperty({ type: [NetworkNodeResponse] })
  items!: NetworkNodeResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export function toNetworkNodeResponse(node: NetworkNode): NetworkNodeResponse {
  return {
    id: node.id,
    tier: node.tier,
    code: node.code,
    parentId: node.parentId,
    name: node.name,
    adminCode: node.adminCode,
    location: { type: 'Point', coordinates: [node.location.coordinates[0]!, node.location.coordinates[1]!] },
    elevationM: node.elevationM,
    openingHours: node.openingHours,
    serviceCalendar: node.serviceCalendar,
    serviceTimeS: node.serviceTimeS,
    storageCapacityParcels: node.storageCapacityParcels,
    syntheticLocation: node.syntheticLocation,
    createdAt: node.createdAt.toISOString(),
    updatedAt: node.updatedAt.toISOString(),
  };
}
