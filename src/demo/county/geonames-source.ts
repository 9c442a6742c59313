import { readTsvRows } from './csv-reader';
import { insideBox, type BoundingBox, type LonLat } from './geo';
import { townshipStem } from './division-source';

/** One populated place of the GeoNames cities500 dump (standard GeoNames columns). */
export interface GeoNamesPlace {
  geonameId: number;
  name: string;
  asciiName: string;
  alternateNames: string[];
  point: LonLat;
  featureClass: string;
  featureCode: string;
  population: number;
  /** The `elevation` column when given, else the `dem` column (SRTM / GTOPO30). */
  elevationM: number;
}

// Column positions of the GeoNames "geoname" table.
const COLUMN = { id: 0, name: 1, asciiName: 2, alternateNames: 3, lat: 4, lon: 5, featureClass: 6, featureCode: 7, country: 8, population: 14, elevation: 15, dem: 16 };
const NO_DATA_DEM = -9999;

/**
 * Reads the places of one country inside a bounding box. The 32 MB file is read once; only lines
 * that mention the country code are parsed into fields.
 */
export function readGeoNamesPlaces(path: string, countryCode: string, box: BoundingBox): GeoNamesPlace[] {
  const countryMarker = `\t${countryCode}\t`;
  const places: GeoNamesPlace[] = [];
  for (const fields of readTsvRows(path, (line) => line.includes(countryMarker))) {
    if (fields[COLUMN.country] !== countryCode) continue;
    const point: LonLat = [Number(fields[COLUMN.lon]), Number(fields[COLUMN.lat])];
    if (!insideBox(point, box)) continue;
    places.push(toPlace(fields, point));
  }
  return places;
}

function toPlace(fields: string[], point: LonLat): GeoNamesPlace {
  const elevationText = fields[COLUMN.elevation].trim();
  const demM = Number(fields[COLUMN.dem]);
  const elevationM = elevationText !== '' ? Number(elevationText) : demM;
  return {
    geonameId: Number(fields[COLUMN.id]),
    name: fields[COLUMN.name],
    asciiName: fields[COLUMN.asciiName],
    alternateNames: fields[COLUMN.alternateNames] === '' ? [] : fields[COLUMN.alternateNames].split(','),
    point,
    featureClass: fields[COLUMN.featureClass],
    featureCode: fields[COLUMN.featureCode],
    population: Number(fields[COLUMN.population]) || 0,
    elevationM: Number.isFinite(elevationM) && elevationM !== NO_DATA_DEM ? Math.round(elevationM) : Number.NaN,
  };
}

/**
 * The GeoNames populated place of a township, matched by its Chinese name (with or without the
 * 镇/乡/街道 suffix) among the alternate names. Exactly one candidate must match: none, several,
 * or one without an elevation is an error, never a guess.
 */
export function matchTownshipPlace(townshipName: string, places: readonly GeoNamesPlace[]): GeoNamesPlace {
  const stem = townshipStem(townshipName);
  const candidates = places.filter((place) => place.featureClass === 'P' && (place.alternateNames.includes(townshipName) || place.alternateNames.includes(stem)));
  if (candidates.length === 0) throw new Error(`No GeoNames place matches township ${townshipName} (${stem}) in the county box`);
  if (candidates.length > 1) {
    const listed = candidates.map((place) => `${place.geonameId} ${place.name}`).join(', ');
    throw new Error(`Township ${townshipName} matches several GeoNames places: ${listed}`);
  }
  const place = candidates[0];
  if (Number.isNaN(place.elevationM)) throw new Error(`GeoNames place ${place.geonameId} ${place.name} has no elevation`);
  return place;
}
