import { Column } from 'typeorm';
import type { PlannedRoute, PlannedStop } from './planner/wave-model';

/**
 * The columns a stored route shares with a baseline route: what it costs and carries, and when.
 * Entities extend it (TypeORM maps inherited columns), so the two tables cannot drift apart.
 */
export abstract class RouteFigureColumns {
  @Column({ type: 'integer' })
  distanceM!: number;

  @Column({ type: 'integer' })
  durationS!: number;

  @Column({ type: 'integer' })
  costFen!: number;

  @Column({ type: 'integer' })
  parcelsDelivered!: number;

  @Column({ type: 'integer' })
  parcelsPickedUp!: number;

  /** Largest load on board at any point of the route. */
  @Column({ type: 'integer' })
  peakLoadWeightG!: number;

  @Column({ type: 'integer' })
  peakLoadVolumeCm3!: number;

  @Column({ type: 'integer' })
  peakLoadParcels!: number;

  @Column({ type: 'timestamptz' })
  departureAt!: Date;

  @Column({ type: 'timestamptz' })
  returnAt!: Date;
}

/** The columns a stored stop shares with a baseline stop: when, and what is handed over or collected. */
export abstract class StopFigureColumns {
  @Column({ type: 'timestamptz' })
  arrivalAt!: Date;

  @Column({ type: 'timestamptz' })
  departureAt!: Date;

  @Column({ type: 'integer' })
  parcelsDelivered!: number;

  @Column({ type: 'integer' })
  parcelsPickedUp!: number;

  @Column({ type: 'integer' })
  weightDeliveredG!: number;

  @Column({ type: 'integer' })
  weightPickedUpG!: number;

  @Column({ type: 'integer' })
  volumeDeliveredCm3!: number;

  @Column({ type: 'integer' })
  volumePickedUpCm3!: number;

  /** Shipments dropped or collected here, sorted. */
  @Column({ type: 'uuid', array: true })
  shipmentIds!: string[];
}

/** A planned route's shared columns, its times as instants (`at` turns local seconds into one). */
export function routeFigureColumns(route: PlannedRoute, at: (seconds: number) => Date): RouteFigureColumns {
  return {
    distanceM: route.distanceM,
    durationS: route.durationS,
    costFen: route.costFen,
    parcelsDelivered: route.parcelsDelivered,
    parcelsPickedUp: route.parcelsPickedUp,
    peakLoadWeightG: route.peakLoad.weightG,
    peakLoadVolumeCm3: route.peakLoad.volumeCm3,
    peakLoadParcels: route.peakLoad.parcels,
    departureAt: at(route.departureS),
    returnAt: at(route.returnS),
  };
}

/** A planned stop's shared columns. */
export function stopFigureColumns(stop: PlannedStop, at: (seconds: number) => Date): StopFigureColumns {
  return {
    arrivalAt: at(stop.arrivalS),
    departureAt: at(stop.departureS),
    parcelsDelivered: stop.parcelsDelivered,
    parcelsPickedUp: stop.parcelsPickedUp,
    weightDeliveredG: stop.weightDeliveredG,
    weightPickedUpG: stop.weightPickedUpG,
    volumeDeliveredCm3: stop.volumeDeliveredCm3,
    volumePickedUpCm3: stop.volumePickedUpCm3,
    shipmentIds: stop.shipmentIds,
  };
}
