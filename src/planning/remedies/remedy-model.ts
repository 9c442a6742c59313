/** What a change to the fleet or the day would do for the shipments a plan leaves open for lack of vehicles or time. */
export const REMEDY_CHANGES = ['extra_hub_van', 'earlier_trunk_start', 'second_trunk_trip'] as const;
export type RemedyChange = (typeof REMEDY_CHANGES)[number];

export interface OpenShipmentRemedy {
  change: RemedyChange;
  /** The change in words, Simplified Chinese first, for the operator. */
  description: string;
  /** Shipments the plan leaves open for lack of vehicles or time (no_vehicle, time_window, max_duration). */
  openShipments: number;
  /** Of those, how many the re-solve with the change serves, and their parcels. */
  servedShipments: number;
  servedParcels: number;
  /** Shipments the plan serves that the re-solve with the change leaves open (a heuristic may trade one village for another), and their parcels. */
  newlyOpenShipments: number;
  newlyOpenParcels: number;
  /**
   * What the change adds to the day's route cost: the re-solve's cost minus the plan's, in fen. Both
   * are heuristic solves, so it can be negative when the re-solve finds a cheaper day besides.
   */
  extraCostFen: number;
  /** `extraCostFen` per parcel the change serves in net (served less newly open); null when it serves none in net. */
  extraCostPerServedParcelFen: number | null;
}
