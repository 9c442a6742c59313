import type { LonLat, RoadGraph, RoadMatrix, VehicleClass } from '@rural-dispatch/routing';

/** How many road graphs the thread keeps between requests; the API side mirrors the same first-in-first-out list. */
export const GRAPHS_KEPT_IN_THREAD = 2;

export interface MatrixThreadRequest {
  id: number;
  graphKey: string;
  /** Sent only when the thread does not hold `graphKey` yet (a county graph is megabytes to copy). */
  graph?: RoadGraph;
  points: LonLat[];
  vehicleClass: VehicleClass;
  anchorPointIndex?: number;
}

export type MatrixThreadReply = { id: number; matrix: RoadMatrix } | { id: number; error: { name: string; message: string } };
