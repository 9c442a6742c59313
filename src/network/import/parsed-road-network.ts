import type { ParsedRoadNetwork } from './road-network-csv';
import { validationFailed } from '../../infra/errors/domain-error';
import { MAX_INT32 } from '../../infra/validation/input-rules';
import { ProblemCollector } from './field-checks';
import { RoadImportRow } from './network-import.types';

/**
 * Road rows from the CSV road network parser (road-network-csv.ts). The
 * parser already checked types and vertex references; this checks what the database would get wrong
 * silently (positions out of range) and what the road table needs (id lengths, two distinct points).
 * Surveyed data may contain loops and self-touching ways, so no self-intersection test here.
 */
export function roadRowsFromParsedNetwork(parsed: ParsedRoadNetwork): RoadImportRow[] {
  const problems = new ProblemCollector();
  const rows: RoadImportRow[] = [];
  parsed.edges.forEach((edge, index) => {
    const at = `edges[${index}]`;
    const before = problems.count;
    problems.requiredString(`${at}.id`, edge.id, 64);
    problems.requiredString(`${at}.fromId`, edge.fromId, 64);
    problems.requiredString(`${at}.toId`, edge.toId, 64);
    const positions = edge.geometry.map((position, point) => problems.position(`${at}.geometry[${point}]`, position));
    const distinct = (positions.filter(Boolean) as Array<[number, number]>).filter(
      (position, point, all) => point === 0 || position[0] !== all[point - 1]![0] || position[1] !== all[point - 1]![1],
    );
    if (problems.count === before && distinct.length < 2) problems.add(`${at}.geometry`, `edge ${edge.id} (line ${edge.sourceLine}) needs two distinct positions`);
    if (!(edge.lengthM > 0) || Math.round(edge.lengthM) > MAX_INT32) problems.add(`${at}.lengthM`, 'must be a positive number of metres');
    if (problems.count > before) return;
    rows.push({
      externalId: edge.id,
      fromVertex: edge.fromId,
      toVertex: edge.toId,
      coordinates: distinct,
      lengthM: Math.max(1, Math.round(edge.lengthM)),
      roadClass: edge.roadClass,
      surface: edge.surface,
      climbM: Math.round(edge.climbM),
      descentM: Math.round(edge.descentM),
      oneWay: edge.oneWay,
      closures: [],
      synthetic: false,
    });
  });
  if (problems.count > 0) {
    const first = problems.problems[0]!;
    throw validationFailed(`invalid road network: ${first.field} ${first.message} (${problems.count} problems); nothing was written`, problems.problems);
  }
  return rows;
}
