/**
 * Per-parcel handling at the transfers of the consolidated network, in fen. The defaults are 2025
 * estimates for a county co-delivery centre in rural China: a manual sorting line at the hub (a
 * worker at about ¥150 a day sorts 1,500–2,000 parcels, plus rent and scanners) ≈ ¥0.15 a parcel;
 * a township station scanning a batch off the trunk and onto its tricycle ≈ ¥0.10 a parcel.
 */
export interface HandlingCosts {
  /** Every parcel the consolidated plan carries is sorted once at the county hub. */
  hubSortFenPerParcel: number;
  /** Every parcel that goes through a township station (trunk drop or pickup hand-back). */
  townshipHandoverFenPerParcel: number;
}

export const DEFAULT_HANDLING_COSTS: Readonly<HandlingCosts> = { hubSortFenPerParcel: 15, townshipHandoverFenPerParcel: 10 };

/** A handling cost above ¥100 a parcel is a typo, not a tariff. */
export const MAX_HANDLING_FEN_PER_PARCEL = 10_000;
