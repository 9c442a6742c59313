import { validationFailed } from '../../infra/errors/domain-error';
import { NodeTier } from '../network-node.entity';
import { PARENT_TIER } from '../tier-rules';
import { ProblemCollector } from './field-checks';
import { NodeImportRow, RoadImportRow, StoredNodeTiers, ValidatedNetworkImport } from './network-import.types';
import { readNodeFeature } from './node-feature';
import { readRoadFeature } from './road-feature';

type Properties = Record<string, unknown>;

/**
 * Checks a whole network FeatureCollection (docs/network-geojson.md) before anything is written:
 * every feature's fields, then the rules between features and with what is stored (parents, one
 * hub, unique codes). Throws one validation_failed listing every problem, with feature paths.
 */
export function validateNetworkFeatureCollection(body: unknown, stored: StoredNodeTiers): ValidatedNetworkImport {
  const problems = new ProblemCollector();
  const collection = (typeof body === 'object' && body !== null ? body : {}) as Properties;
  if (collection.type !== 'FeatureCollection') problems.add('type', 'must be "FeatureCollection"');
  if (!Array.isArray(collection.features)) {
    problems.add('features', 'must be a list of features');
    throw validationFailed('the body is not a GeoJSON FeatureCollection', problems.problems);
  }
  const nodes: NodeImportRow[] = [];
  const roads: RoadImportRow[] = [];
  const roadIndex: number[] = [];
  collection.features.forEach((feature: unknown, index: number) => {
    const candidate = (typeof feature === 'object' && feature !== null ? feature : {}) as Properties;
    const geometry = (typeof candidate.geometry === 'object' && candidate.geometry !== null ? candidate.geometry : {}) as Properties;
    const properties = (typeof candidate.properties === 'object' && candidate.properties !== null ? candidate.properties : {}) as Properties;
    if (candidate.type !== 'Feature') problems.add(`features[${index}].type`, 'must be "Feature"');
    if (properties.kind === 'node') {
      const node = readNodeFeature(problems, index, geometry, properties);
      if (node) nodes.push(node);
    } else if (properties.kind === 'road') {
      const road = readRoadFeature(problems, index, geometry, properties);
      if (road) {
        roads.push(road);
        roadIndex.push(index);
      }
    } else {
      problems.add(`features[${index}].properties.kind`, 'must be "node" or "road"');
    }
  });
  checkNodeRelations(problems, nodes, stored);
  checkUniqueRoadIds(problems, roads, roadIndex);
  checkVertexPositions(problems, roads, roadIndex);
  if (problems.count > 0) {
    const first = problems.problems[0]!;
    const more = problems.count > 1 ? ` (and ${problems.count - 1} more)` : '';
    throw validationFailed(`invalid network import: ${first.field} ${first.message}${more}; nothing was written`, problems.problems);
  }
  return { nodes, roads };
}

function checkNodeRelations(problems: ProblemCollector, nodes: NodeImportRow[], stored: StoredNodeTiers): void {
  const tierInFile = new Map<string, NodeTier>();
  for (const node of nodes) {
    const at = `features[${node.featureIndex}].properties`;
    if (tierInFile.has(node.code)) problems.add(`${at}.code`, `duplicate code ${node.code} in this file`);
    tierInFile.set(node.code, node.tier);
    const storedTier = stored.tierByCode.get(node.code);
    if (storedTier && storedTier !== node.tier) problems.add(`${at}.tier`, `node ${node.code} is stored as ${storedTier}; its tier cannot change`);
  }
  const hubs = nodes.filter((node) => node.tier === 'county_hub');
  for (const extra of hubs.slice(1)) problems.add(`features[${extra.featureIndex}].properties.tier`, 'a county has one county_hub; this file has several');
  if (hubs[0] && stored.hubCode && stored.hubCode !== hubs[0].code) {
    problems.add(`features[${hubs[0].featureIndex}].properties.tier`, `the county already has the hub ${stored.hubCode}`);
  }
  for (const node of nodes) {
    const field = `features[${node.featureIndex}].properties.parent`;
    const expected = PARENT_TIER[node.tier];
    if (expected === null) {
      if (node.parentCode !== null) problems.add(field, 'a county_hub has no parent');
      continue;
    }
    if (node.parentCode === null) {
      problems.add(field, `a ${node.tier} needs a parent ${expected}`);
      continue;
    }
    const parentTier = tierInFile.get(node.parentCode) ?? stored.tierByCode.get(node.parentCode);
    if (parentTier === undefined) problems.add(field, `parent ${node.parentCode} is neither in this file nor stored`);
    else if (parentTier !== expected) problems.add(field, `the parent of a ${node.tier} must be a ${expected}; ${node.parentCode} is a ${parentTier}`);
  }
}

function checkUniqueRoadIds(problems: ProblemCollector, roads: RoadImportRow[], featureIndex: number[]): void {
  const seen = new Set<string>();
  roads.forEach((road, position) => {
    if (seen.has(road.externalId)) problems.add(`features[${featureIndex[position]}].properties.id`, `duplicate road id ${road.externalId} in this file`);
    seen.add(road.externalId);
  });
}

/** Below this (about 0.1 m), two ends named by the same vertex id are the same point. */
const SAME_VERTEX_DEGREES = 1e-6;

/**
 * A vertex id names one place: every road that starts or ends at it must start or end there, or the
 * graph would join roads that do not meet. Reported at the later road's coordinate.
 */
function checkVertexPositions(problems: ProblemCollector, roads: RoadImportRow[], featureIndex: number[]): void {
  const positionOf = new Map<string, { position: [number, number]; roadId: string }>();
  roads.forEach((road, position) => {
    const last = road.coordinates.length - 1;
    const ends: Array<[string, [number, number], string]> = [
      [road.fromVertex, road.coordinates[0]!, 'coordinates[0]'],
      [road.toVertex, road.coordinates[last]!, `coordinates[${last}]`],
    ];
    for (const [vertex, end, field] of ends) {
      const known = positionOf.get(vertex);
      if (!known) {
        positionOf.set(vertex, { position: end, roadId: road.externalId });
      } else if (Math.abs(known.position[0] - end[0]) > SAME_VERTEX_DEGREES || Math.abs(known.position[1] - end[1]) > SAME_VERTEX_DEGREES) {
        problems.add(
          `features[${featureIndex[position]}].geometry.${field}`,
          `vertex ${vertex} is at [${known.position.join(', ')}] on road ${known.roadId}; this road ends at [${end.join(', ')}]`,
        );
      }
    }
  });
}
