import { deflateSync } from 'zlib';

/* The .proto codecs that ship with osm-pbf-parser-node (compiled for the pbf library): the reader's own
   schema writes the file, so what the tests read back is a real OSM PBF, not a hand-made protobuf. */

/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS codecs without type declarations */
const Pbf = require('pbf');
const { Blob: BlobMessage, BlobHeader } = require('osm-pbf-parser-node/proto/fileformat.js');
const { HeaderBlock, PrimitiveBlock } = require('osm-pbf-parser-node/proto/osmformat.js');
/* eslint-enable @typescript-eslint/no-require-imports */

export interface OsmNodeSpec {
  id: number;
  lon: number;
  lat: number;
}

export interface OsmWaySpec {
  id: number;
  nodes: number[];
  tags: Record<string, string>;
}

/** Nanodegrees per coordinate unit (the format's default granularity of 100). */
const GRANULARITY = 100;
/** Elements per data block; small, so that even a tiny fixture spans several blocks. */
const ELEMENTS_PER_BLOCK = 8_000;

function encode(write: (obj: unknown, pbf: unknown) => void, message: unknown): Uint8Array {
  const pbf = new Pbf();
  write(message, pbf);
  return pbf.finish();
}

function fileBlock(type: 'OSMHeader' | 'OSMData', payload: Uint8Array): Buffer {
  const blob = encode(BlobMessage.write, { raw_size: payload.length, zlib_data: deflateSync(payload) });
  const header = encode(BlobHeader.write, { type, datasize: blob.length });
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, blob]);
}

/** One data block of nodes or ways with its string table (index 0 is the empty string, as the format wants). */
function dataBlock(group: { nodes?: OsmNodeSpec[]; ways?: OsmWaySpec[] }): Buffer {
  const strings = [''];
  const indexOf = new Map<string, number>([['', 0]]);
  const stringId = (value: string) => {
    let index = indexOf.get(value);
    if (index === undefined) {
      index = strings.length;
      indexOf.set(value, index);
      strings.push(value);
    }
    return index;
  };
  const nodes = group.nodes?.map((node) => ({
    id: node.id,
    keys: [],
    vals: [],
    lat: Math.round((node.lat * 1e9) / GRANULARITY),
    lon: Math.round((node.lon * 1e9) / GRANULARITY),
  }));
  const ways = group.ways?.map((way) => ({
    id: way.id,
    keys: Object.keys(way.tags).map(stringId),
    vals: Object.values(way.tags).map(stringId),
    // Way references are delta-coded in the format.
    refs: way.nodes.map((nodeId, index) => nodeId - (index === 0 ? 0 : way.nodes[index - 1]!)),
  }));
  const block = { stringtable: { s: strings.map((value) => Buffer.from(value, 'utf8')) }, primitivegroup: [nodes ? { nodes } : { ways }], granularity: GRANULARITY };
  return fileBlock('OSMData', encode(PrimitiveBlock.write, block));
}

/** An `.osm.pbf` file: a header, then nodes by ascending id, then ways, as osmium writes them. */
export function writeOsmPbf(nodes: readonly OsmNodeSpec[], ways: readonly OsmWaySpec[]): Buffer {
  const parts = [fileBlock('OSMHeader', encode(HeaderBlock.write, { required_features: ['OsmSchema-V0.6'], writingprogram: 'rural-dispatch tests' }))];
  const sortedNodes = [...nodes].sort((a, b) => a.id - b.id);
  for (let start = 0; start < sortedNodes.length; start += ELEMENTS_PER_BLOCK) parts.push(dataBlock({ nodes: sortedNodes.slice(start, start + ELEMENTS_PER_BLOCK) }));
  for (let start = 0; start < ways.length; start += ELEMENTS_PER_BLOCK) parts.push(dataBlock({ ways: ways.slice(start, start + ELEMENTS_PER_BLOCK) }));
  return Buffer.concat(parts);
}
