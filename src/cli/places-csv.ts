import type { Feature, FeatureCollection, Point } from 'geojson';
import { haversineM } from '@rural-dispatch/routing';
import { readCsv } from '../network/import/road-network-csv';
import { ProblemCollector } from '../network/import/field-checks';
import { readServiceCalendar, ServiceCalendar } from '../network/service-calendar';
import { CliUsageError } from './cli-usage-error';

/**
 * Turns a places CSV (OpenStreetMap-style: name, place = city|town|village|hamlet, lon, lat,
 * optional population and elevation) into the three tiers: the most populous town is the hub, every
 * town a township station (the hub's town too), villages and hamlets village points under the
 * nearest station. It lets a real road network such as Andorra's be planned like a county.
 * An optional `service_days` column gives a place its service calendar in short form (see
 * `serviceDaysFromText`): a town's is the default of the villages under it.
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
  serviceCalendar: ServiceCalendar | null;
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
    serviceDays: column(header, ['service_days', 'service_calendar'], file, false),
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
    const serviceDays = at.serviceDays >= 0 ? (cells[at.serviceDays] ?? '').trim() : '';
    const problems = new ProblemCollector();
    const serviceCalendar = serviceDays ? readServiceCalendar(problems, 'service_days', serviceDaysFromText(serviceDays)) : null;
    if (problems.count > 0) throw new CliUsageError(`${file} line ${line}: ${problems.problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
    return {
      code: at.code >= 0 && cells[at.code] ? `P${cells[at.code]!.trim()}` : `L${line}`,
      name,
      place,
      lon,
      lat,
      population: at.population >= 0 ? Number(cells[at.population]) || 0 : 0,
      elevationM: elevation !== null && Number.isFinite(elevation) ? elevation : null,
      serviceCalendar: serviceCalendar ?? null,
    };
  });
}

const nodeFeature = (place: Place, tier: string, code: string, parent?: string): Feature<Point> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
  properties: {
    kind: 'node',
    tier,
    code,
    name: place.name,
    ...(parent ? { parent } : {}),
    ...(place.elevationM !== null ? { elevationM: place.elevationM } : {}),
    // The hub's own town is a station too; the calendar belongs to the station, not the hub.
    ...(place.serviceCalendar !== null && tier !== 'county_hub' ? { serviceCalendar: place.serviceCalendar } : {}),
  },
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

/**
 * The short form of a calendar in a CSV cell: `daily`; weekdays such as `mon wed fri` (or
 * `mon,wed,fri`, `mon/wed/fri`); `every 2 days from 2026-11-30`. Dated exceptions need the API or the
 * GeoJSON import. Returns the calendar object for readServiceCalendar, which reports what is wrong.
 */
export function serviceDaysFromText(text: string): unknown {
  const words = text
    .toLowerCase()
    .split(/[\s,/;]+/)
    .filter(Boolean);
  if (words.length === 1 && words[0] === 'daily') return { rule: 'daily' };
  if (words[0] === 'every') {
    const [, count, days, from, anchorDate] = words;
    if (days !== 'days' && days !== 'day') return { rule: 'every_n_days', everyNDays: Number.NaN, anchorDate };
    return { rule: 'every_n_days', everyNDays: Number(count), anchorDate: from === 'from' ? anchorDate : undefined };
  }
  return { rule: 'weekdays', weekdays: words };
}
