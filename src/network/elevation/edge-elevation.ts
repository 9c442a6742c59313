import { haversineM } from '@rural-dispatch/routing';
import { ElevationModel, srtmTileName } from './elevation-grid';

/** Longest spacing of height samples along a road, as the reference graph was built (SRTM3 cells are ~90 m). */
export const SAMPLE_SPACING_M = 30;

export interface EdgeElevation {
  /** Total ascent and descent from the first position to the last, in metres (not rounded). */
  climbM: number;
  descentM: number;
  /** SRTM names of the 1° tiles no DEM file covers where the edge runs; empty when the DEM covered it. */
  missingTiles: string[];
  /** Every sample fell in the DEM's voids (SRTM has them on steep slopes): the climb is unknown. */
  allVoid: boolean;
}

/**
 * Heights at every position of the line and every 30 m between them, each interpolated bilinearly in
 * the DEM (voids left out); climb and descent are the sums of the rises and falls between consecutive samples. The
 * positions are sampled too because a road's bends are where it turns from climbing to descending.
 */
export function edgeElevation(coordinates: ReadonlyArray<readonly [number, number]>, model: ElevationModel): EdgeElevation {
  let climbM = 0;
  let descentM = 0;
  let previous: number | null = null;
  const missingTiles = new Set<string>();
  const visit = (lon: number, lat: number) => {
    const height = model.heightAt(lon, lat);
    if (height === null) {
      // A void is skipped: the rise or fall across it is counted from the samples on either side.
      if (!model.covers(lon, lat)) missingTiles.add(srtmTileName(lon, lat));
      return;
    }
    if (previous !== null) {
      if (height > previous) climbM += height - previous;
      else descentM += previous - height;
    }
    previous = height;
  };
  for (let index = 1; index < coordinates.length; index++) {
    const [lonA, latA] = coordinates[index - 1]!;
    const [lonB, latB] = coordinates[index]!;
    const pieces = Math.max(1, Math.ceil(haversineM(lonA, latA, lonB, latB) / SAMPLE_SPACING_M));
    for (let piece = 0; piece < pieces; piece++) visit(lonA + (piece / pieces) * (lonB - lonA), latA + (piece / pieces) * (latB - latA));
  }
  const [lastLon, lastLat] = coordinates[coordinates.length - 1]!;
  visit(lastLon, lastLat);
  return { climbM, descentM, missingTiles: [...missingTiles], allVoid: previous === null };
}
