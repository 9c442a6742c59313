import * as fs from 'fs';
import { booleanPointInPolygon } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import { validationFailed } from '../../infra/errors/domain-error';
import type { OsmEdge } from './way-splitter';

/** The county's polygons from a GeoJSON file: a Polygon or MultiPolygon, bare or in a Feature or FeatureCollection. */
export function readBoundary(path: string, toWgs84: (position: [number, number]) => [number, number] = (position) => position): Array<Polygon | MultiPolygon> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (error) {
    throw boundaryError(path, `cannot be read as JSON: ${(error as Error).message}`);
  }
  const geometries: Geometry[] = [];
  const collect = (value: any): void => {
    if (value?.type === 'FeatureCollection' && Array.isArray(value.features)) value.features.forEach(collect);
    else if (value?.type === 'Feature') collect(value.geometry);
    else if (value?.type === 'Polygon' || value?.type === 'MultiPolygon') geometries.push(value);
  };
  collect(json);
  if (geometries.length === 0) throw boundaryError(path, 'holds no Polygon or MultiPolygon');
  const convertRing = (ring: Array<[number, number]>) => ring.map(toWgs84);
  return (geometries as Array<Polygon | MultiPolygon>).map((geometry) =>
    geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => convertRing(ring as Array<[number, number]>)) }
      : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => convertRing(ring as Array<[number, number]>))) },
  );
}

/**
 * Keeps the edges with an end inside the boundary (turf point-in-polygon). Edges are kept or left
 * whole, never cut, so a road crossing the border keeps its far end and stays routable to it.
 */
export function clipEdgesToBoundary(edges: readonly OsmEdge[], boundary: ReadonlyArray<Polygon | MultiPolygon>): OsmEdge[] {
  const inside = (position: [number, number]) => boundary.some((polygon) => booleanPointInPolygon(position, polygon));
  return edges.filter((edge) => inside(edge.coordinates[0]!) || inside(edge.coordinates[edge.coordinates.length - 1]!));
}

function boundaryError(path: string, message: string) {
  return validationFailed(`boundary ${path} ${message}; nothing was written`, [{ field: 'boundary', message }]);
}
