import type { Feature, FeatureCollection, Point } from 'geojson';
import { haversineM } from '@rural-dispatch/routing';
import { readCsv } from '../network/import/road-network-csv';
import { CliUsageError } from './cli-usage-error';

/**
 * Turns a places CSV (OpenStreetMap-style: name, place = city|town|village|hamlet, lon, lat,
 * optional population and elevation) into the three tiers: the most populous town is the hub, every
 * town a township station (the hub's town too), villages and hamlets village points under the
 * nearest station. It lets a real road network such as Andorra's be planned like a county.
 */
const TOWN_PLACES = new Set(['city', 'town']);
const VILLAGE_PLACES = new Set(['village', 'hamlet', 'suburb', 'locality']);

interface Place {
  code: string;
  name: string;
  place: string;
  lon: number;
  lat: number;
  population: number;
  elevationM: number | null;
}

function column(header: string[], names: string[], file: string, required: boolean): number {
  const index = header.findIndex((name) => names.includes(name.trim().toLowerCase()));
  if (index < 0 && required) throw new CliUsageError(`${file}: no column ${names.join(' or ')} in the header`);
  return index;
}

function readPlaces(text: string, file: string): Place[] {
  const table = readCsv(text, file);
  const header = table.header;
  const at = {
    code: column(header, ['osm_node_id', 'id', 'code'], file, false),
    name: column(header, ['name'], file, true),
    place: column(header, ['place'], file, true),
    lon: column(header, ['lon', 'longitude'], file, true),
    lat: column(header, ['lat', 'latitude'], file, true),
    population: column(header, ['population'], file, false),
    elevation: column(header, ['srtm3_elev_m', 'elevation', 'elevation_m'], file, false),
  };
  return table.rows.map(({ line, cells }) => {
    const lon = Number(cells[at.lon]);
    const lat = Number(cells[at.lat]);
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new CliUsageError(`${file} line ${line}: lon must be a number in [-180, 180], got "${cells[at.lon]}"`);
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new CliUsageError(`${file} line ${line}: lat must be a number in [-90, 90], got "${cells[at.lat]}"`);
    const place = (cells[at.place] ?? '').trim().toLowerCase();
    if (!TOWN_PLACES.has(place) && !VILLAGE_PLACES.has(place)) throw new CliUsageError(`${file} line ${line}: place must be city, town, village or hamlet, got "${place}"`);
    const name = (cells[at.name] ?? '').trim();
    if (!name) throw new CliUsageError(`${file} line ${line}: name is empty`);
    const elevation = at.elevation >= 0 && cells[at.elevation] ? Math.round(Number(cells[at.elevation])) : null;
    return {
      code: at.code >= 0 && cells[at.code] ? `P${cells[at.code]!.trim()}` : `L${line}`,
      name,
      place,
      lon,
      lat,
      population: at.population >= 0 ? Number(cells[at.population]) || 0 : 0,
      elevationM: elevation !== null && Number.isFinite(elevation) ? elevation : null,
    };
  });
}

const nodeFeature = (place: Place, tier: string, code: string, parent?: string): Feature<Point> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
  properties: { kind: 'node', tier, code, name: place.name, ...(parent ? { parent } : {}), ...(place.elevationM !== null ? { elevationM: place.elevationM } : {}) },
});

export function placesToNetworkNodes(text: string, file: string): FeatureCollection {
  const places = readPlaces(text, file);
  const towns = places.filter((place) => TOWN_PLACES.has(place.place));
  if (towns.length === 0) throw new CliUsageError(`${file}: no city or town to be the hub`);
  const hubTown = towns.reduce((best, town) => (town.population > best.population ? town : best));
  const features: Feature[] = [nodeFeature(hubTown, 'county_hub', `HUB-${hubTown.code}`)];
  for (const town of towns) features.push(nodeFeature(town, 'township_station', town.code, `HUB-${hubTown.code}`));
  for (const village of places.filter((place) => VILLAGE_PLACES.has(place.place))) {
    const nearest = towns.reduce((best, town) =>
      haversineM(village.lon, village.lat, town.lon, town.lat) < haversineM(village.lon, village.lat, best.lon, best.lat) ? town : best,
    );
    features.push(nodeFeature(village, 'village_point', village.code, nearest.code));
  }
  return { type: 'FeatureCollection', features };
}
