import * as fs from 'fs';
import { OSMTransform } from 'osm-pbf-parser-node';
import { validationFailed } from '../../infra/errors/domain-error';
import { OsmNodeStore } from './osm-node-store';
import { DrivableWayAttributes, drivableWayAttributes } from './osm-way-tags';

/** A drivable way as read: its node ids in order and what its tags mean for the travel-time model. */
export interface DrivableWay {
  id: number;
  nodeIds: number[];
  tags: Record<string, string>;
  attributes: DrivableWayAttributes;
}

export interface OsmExtract {
  waysRead: number;
  drivableWays: DrivableWay[];
  nodes: OsmNodeStore;
}

/** What osm-pbf-parser-node yields (its typings say only `object`). */
interface OsmElement {
  type?: 'node' | 'way' | 'relation';
  id: number;
  lon?: number;
  lat?: number;
  refs?: number[];
  tags?: Record<string, string>;
}

/**
 * Reads an `.osm.pbf` extract in one streaming pass with osm-pbf-parser-node: every node's position
 * (nodes come before ways in a PBF) and the drivable ways with their tags. Relations are skipped.
 * A truncated or corrupt file is bad input; a file with no drivable way is refused too.
 */
export async function readOsmExtract(path: string, onProgress?: (bytesRead: number, totalBytes: number) => void): Promise<OsmExtract> {
  let totalBytes: number;
  try {
    totalBytes = fs.statSync(path).size;
  } catch (error) {
    throw validationFailed(`cannot read the PBF file ${path}: ${(error as Error).message}`, [{ field: 'pbf', message: (error as Error).message }]);
  }
  const nodes = new OsmNodeStore();
  const drivableWays: DrivableWay[] = [];
  let waysRead = 0;
  let bytesRead = 0;
  const file = fs.createReadStream(path);
  file.on('data', (chunk) => {
    bytesRead += chunk.length;
    onProgress?.(bytesRead, totalBytes);
  });
  // Node tags are never used: skipping them saves most of the decoding time.
  const elements = file.pipe(new OSMTransform({ withTags: { node: false, way: true, relation: false }, withInfo: false }));
  file.on('error', (error) => elements.destroy(error));
  try {
    for await (const batch of elements as AsyncIterable<OsmElement[]>) {
      for (const element of batch) {
        if (element.type === 'node') nodes.add(element.id, element.lon!, element.lat!);
        else if (element.type === 'way') {
          waysRead++;
          const attributes = drivableWayAttributes(element.tags ?? {});
          if (attributes) drivableWays.push({ id: element.id, nodeIds: element.refs ?? [], tags: element.tags ?? {}, attributes });
        }
      }
    }
  } catch (error) {
    const reason = (error as Error).message;
    throw validationFailed(`the PBF file ${path} is truncated or not an OSM PBF (${reason}); nothing was written`, [{ field: 'pbf', message: `truncated or corrupt: ${reason}` }]);
  }
  nodes.seal();
  if (drivableWays.length === 0) {
    throw validationFailed(`the PBF file ${path} holds ${waysRead} ways and no drivable road (highway=primary … track); nothing was written`, [
      { field: 'pbf', message: 'no drivable way' },
    ]);
  }
  return { waysRead, drivableWays, nodes };
}
