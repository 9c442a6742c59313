import { ApiProperty } from '@nestjs/swagger';
import { VEHICLE_CLASSES, VehicleClass } from '@rural-dispatch/routing';
import { NetworkImportResult } from './import/network-import.types';
import { TravelMatrix } from './matrix/travel-matrix.service';
import { NearestVillage } from './network-query.service';

export class ImportCountsResponse {
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
}

export class NetworkImportResponse {
  @ApiProperty({ type: ImportCountsResponse }) nodes!: ImportCountsResponse;
  @ApiProperty({ type: ImportCountsResponse }) roads!: ImportCountsResponse;
  @ApiProperty({ description: 'the county network version after the import' }) networkVersion!: number;
}

export class UnsnappedNodeResponse {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() tier!: string;
  @ApiProperty({ description: 'to the nearest road, metres' }) distanceM!: number;
  @ApiProperty({ enum: ['too_far', 'not_connected_to_hub'] }) reason!: string;
}

export class SnappingResponse {
  @ApiProperty({ description: 'nodes farther than this from every road are listed' }) thresholdM!: number;
  @ApiProperty({ description: '0 when the county has no roads' }) snappedNodes!: number;
  @ApiProperty({ type: [UnsnappedNodeResponse], description: "nodes too far from a road, or on a part of the road graph not connected to the hub's" })
  unsnappedNodes!: UnsnappedNodeResponse[];
}

export class NearestVillageResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'geodesic distance, metres' }) distanceM!: number;
}

export class MatrixNodeResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() tier!: string;
}

export class UnreachablePairResponse {
  @ApiProperty({ description: 'node code' }) from!: string;
  @ApiProperty({ description: 'node code' }) to!: string;
}

export class TravelMatrixResponse {
  @ApiProperty({ enum: ['road_network', 'great_circle_fallback'], description: 'shortest paths on the road graph, or great-circle × circuity when the county has no roads' })
  method!: string;
  @ApiProperty({ enum: VEHICLE_CLASSES }) vehicleClass!: VehicleClass;
  @ApiProperty() networkVersion!: number;
  @ApiProperty({ type: [MatrixNodeResponse], description: 'row and column order' }) nodes!: MatrixNodeResponse[];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'integer' } }, description: 'seconds; -1 = unreachable' }) durationS!: number[][];
  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'integer' } }, description: 'metres; -1 = unreachable' }) distanceM!: number[][];
  @ApiProperty({ type: [UnreachablePairResponse] }) unreachable!: UnreachablePairResponse[];
  @ApiProperty({ description: 'road segments left out because a closure covers the departure time' }) closedSegmentCount!: number;
  @ApiProperty() computationMs!: number;
  @ApiProperty({ description: 'served from the in-process cache' }) cached!: boolean;
}

export function toNetworkImportResponse(result: NetworkImportResult): NetworkImportResponse {
  return { nodes: result.nodes, roads: result.roads, networkVersion: result.networkVersion };
}

export function toNearestVillageResponse(village: NearestVillage): NearestVillageResponse {
  return { id: village.id, code: village.code, name: village.name, distanceM: village.distanceM };
}

function rows(values: Int32Array, size: number): number[][] {
  return Array.from({ length: size }, (_, row) => Array.from(values.subarray(row * size, (row + 1) * size)));
}

export function toTravelMatrixResponse(matrix: TravelMatrix): TravelMatrixResponse {
  const size = matrix.nodes.length;
  return {
    method: matrix.method,
    vehicleClass: matrix.vehicleClass,
    networkVersion: matrix.networkVersion,
    nodes: matrix.nodes.map((node) => ({ id: node.id, code: node.code, tier: node.tier })),
    durationS: rows(matrix.durationS, size),
    distanceM: rows(matrix.distanceM, size),
    unreachable: matrix.unreachable.map((pair) => ({ from: matrix.nodes[pair.fromIndex]!.code, to: matrix.nodes[pair.toIndex]!.code })),
    closedSegmentCount: matrix.closedSegmentCount,
    computationMs: matrix.computationMs,
    cached: matrix.cached,
  };
}
