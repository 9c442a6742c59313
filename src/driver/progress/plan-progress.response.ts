import { ApiProperty } from '@nestjs/swagger';

export const STOP_STATES = ['pending', 'arrived', 'done'] as const;
export type StopState = (typeof STOP_STATES)[number];

export class PositionResponse {
  @ApiProperty({ type: [Number], description: '[longitude, latitude]' }) coordinates!: [number, number];
  @ApiProperty({ type: Number, nullable: true }) accuracyM!: number | null;
  @ApiProperty({ description: 'local time with offset' }) at!: string;
}

export class StopProgressResponse {
  @ApiProperty({ format: 'uuid' }) stopId!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ enum: ['station_transfer', 'village'] }) kind!: string;
  @ApiProperty({ enum: STOP_STATES, description: 'done: left, or every parcel of the stop has an outcome' }) state!: StopState;
  @ApiProperty() plannedArrivalAt!: string;
  @ApiProperty({ description: 'the reported arrival, or the planned one pushed back by the run’s current delay' }) expectedArrivalAt!: string;
  @ApiProperty({ type: String, nullable: true }) arrivedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) departedAt!: string | null;
  @ApiProperty({ description: 'arrived (or expected) more than 15 minutes after the planned arrival' }) late!: boolean;
  @ApiProperty({ description: 'a parcel of the stop failed' }) failed!: boolean;
  @ApiProperty() parcels!: number;
  @ApiProperty() delivered!: number;
  @ApiProperty() failedParcels!: number;
  @ApiProperty({ description: 'pickups collected here, or (at a station) parcels handed over or taken' }) handled!: number;
}

export class RouteProgressResponse {
  @ApiProperty({ format: 'uuid' }) routeId!: string;
  @ApiProperty() routeNumber!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) driverId!: string | null;
  @ApiProperty({ enum: ['planned', 'dispatched', 'completed'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) departedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'back at its base' }) returnedAt!: string | null;
  @ApiProperty({ description: 'how far behind the plan the last report was, seconds (0 when ahead)' }) delayS!: number;
  @ApiProperty({ type: PositionResponse, nullable: true }) lastPosition!: PositionResponse | null;
  @ApiProperty() stops!: number;
  @ApiProperty() stopsDone!: number;
  @ApiProperty() stopsLate!: number;
  @ApiProperty() stopsFailed!: number;
  @ApiProperty({ description: 'loaded and not yet delivered or handed over, plus produce collected and not yet handed over' }) parcelsOnBoard!: number;
  @ApiProperty() parcelsDelivered!: number;
  @ApiProperty() parcelsFailed!: number;
  @ApiProperty() exceptions!: number;
  @ApiProperty({ type: [String], description: 'barcodes reported delivered and later failed: delivered stands, check with the driver' }) contradicted!: string[];
  @ApiProperty({ type: [StopProgressResponse] }) stopProgress!: StopProgressResponse[];
}

export class PlanProgressResponse {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty() serviceDate!: string;
  @ApiProperty() wave!: number;
  @ApiProperty({ description: 'sums over the routes' }) totals!: {
    routes: number;
    stops: number;
    stopsDone: number;
    stopsLate: number;
    stopsFailed: number;
    parcelsOnBoard: number;
    parcelsDelivered: number;
    parcelsFailed: number;
  };
  @ApiProperty({ type: [RouteProgressResponse] }) routes!: RouteProgressResponse[];
}
