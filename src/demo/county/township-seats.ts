import type { TownshipDivision } from './division-source';
import { insideBox, type BoundingBox, type LonLat } from './geo';
import { matchTownshipPlace, type GeoNamesPlace } from './geonames-source';

/** A township seat located through GeoNames. */
export interface TownshipSeat {
  /** Township station code: the township's 9-digit code + '000'. */
  stationCode: string;
  township: TownshipDivision;
  point: LonLat;
  elevationM: number;
  population: number;
  /** Null for a township that no GeoNames place matches, placed by a seeded rule instead (flagged `syntheticLocation`). */
  place: GeoNamesPlace | null;
}

/** Locates every township seat of the county; any township without a unique GeoNames match is an error. */
export function locateTownshipSeats(townships: readonly TownshipDivision[], places: readonly GeoNamesPlace[], box: BoundingBox): TownshipSeat[] {
  const failures: string[] = [];
  const seats: TownshipSeat[] = [];
  for (const township of townships) {
    try {
      const place = matchTownshipPlace(township.name, places);
      if (!insideBox(place.point, box)) throw new Error(`GeoNames place ${place.geonameId} lies outside the county box`);
      seats.push({
        stationCode: `${township.code}000`,
        township,
        point: place.point,
        elevationM: place.elevationM,
        population: place.population,
        place,
      });
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (failures.length > 0) throw new Error(`Township seats could not be located:\n${failures.join('\n')}`);
  const seen = new Map<number, string>();
  for (const { place, township } of seats) {
    const other = seen.get(place!.geonameId);
    if (other) throw new Error(`Townships ${other} and ${township.name} matched the same GeoNames place ${place!.geonameId}`);
    seen.set(place!.geonameId, township.name);
  }
  return seats;
}
