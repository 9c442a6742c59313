import { kinks, length, lineString } from '@turf/turf';
import { ROAD_CLASSES, ROAD_SURFACES, RoadClosure } from '../road-segment.entity';
import { MAX_INT32 } from '../../infra/validation/input-rules';
import { ProblemCollector } from './field-checks';
import { RoadImportRow } from './network-import.types';

type Properties = Record<string, unknown>;

/** Field-level checks of one road feature (`LineString`). */
export function readRoadFeature(problems: ProblemCollector, index: number, geometry: Properties, properties: Properties): RoadImportRow | null {
  const at = `features[${index}]`;
  const before = problems.count;
  const coordinates = readLineString(problems, `${at}.geometry`, geometry);
  const externalId = problems.requiredString(`${at}.properties.id`, properties.id, 64);
  const fromVertex = problems.requiredString(`${at}.properties.from`, properties.from, 64);
  const toVertex = problems.requiredString(`${at}.properties.to`, properties.to, 64);
  const lengthM = problems.optionalInteger(`${at}.properties.lengthM`, properties.lengthM, 1, MAX_INT32);
  const roadClass = problems.oneOf(`${at}.properties.roadClass`, properties.roadClass, ROAD_CLASSES);
  const surface = properties.surface === undefined ? 'unknown' : problems.oneOf(`${at}.properties.surface`, properties.surface, ROAD_SURFACES);
  const climbM = problems.optionalInteger(`${at}.properties.climbM`, properties.climbM, 0, 100_000);
  const descentM = problems.optionalInteger(`${at}.properties.descentM`, properties.descentM, 0, 100_000);
  const oneWay = problems.optionalBoolean(`${at}.properties.oneWay`, properties.oneWay);
  const synthetic = problems.optionalBoolean(`${at}.properties.synthetic`, properties.synthetic);
  const closures = readClosures(problems, `${at}.properties.closures`, properties.closures);
  if (problems.count > before) return null;
  return {
    externalId: externalId!,
    fromVertex: fromVertex!,
    toVertex: toVertex!,
    coordinates: coordinates!,
    lengthM: lengthM ?? lineLengthM(coordinates!),
    roadClass: roadClass!,
    surface: surface!,
    climbM: climbM ?? 0,
    descentM: descentM ?? 0,
    oneWay: oneWay ?? false,
    closures: closures ?? [],
    synthetic: synthetic ?? false,
  };
}

/** Geodesic length in whole metres, at least 1 (a zero-length edge would make a free loop). */
export function lineLengthM(coordinates: Array<[number, number]>): number {
  return Math.max(1, Math.round(length(lineString(coordinates), { units: 'meters' })));
}

/** A LineString of valid positions, at least two distinct, that does not cross itself. */
function readLineString(problems: ProblemCollector, field: string, geometry: Properties): Array<[number, number]> | undefined {
  if (geometry.type !== 'LineString') {
    problems.add(`${field}.type`, 'a road must be a LineString');
    return undefined;
  }
  const raw = geometry.coordinates;
  if (!Array.isArray(raw) || raw.length < 2) {
    problems.add(`${field}.coordinates`, 'a LineString needs at least two positions');
    return undefined;
  }
  const positions = raw.map((position, index) => problems.position(`${field}.coordinates[${index}]`, position));
  if (positions.some((position) => position === undefined)) return undefined;
  // Repeated consecutive positions are harmless but turf reports them as kinks; drop them first.
  const distinct = (positions as Array<[number, number]>).filter((position, index, all) => index === 0 || position[0] !== all[index - 1]![0] || position[1] !== all[index - 1]![1]);
  if (distinct.length < 2) {
    problems.add(`${field}.coordinates`, 'a LineString needs at least two distinct positions');
    return undefined;
  }
  if (kinks(lineString(distinct)).features.length > 0) {
    problems.add(`${field}.coordinates`, 'the road crosses itself; split it into segments that do not');
    return undefined;
  }
  return distinct;
}

function readClosures(problems: ProblemCollector, field: string, value: unknown): RoadClosure[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.add(field, 'must be a list of { start, end, reason }');
    return undefined;
  }
  const before = problems.count;
  const closures = value.map((closure: unknown, index): RoadClosure => {
    const at = `${field}[${index}]`;
    const candidate = (typeof closure === 'object' && closure !== null ? closure : {}) as Properties;
    const start = readInstant(problems, `${at}.start`, candidate.start);
    const end = readInstant(problems, `${at}.end`, candidate.end);
    if (start && end && Date.parse(end) <= Date.parse(start)) problems.add(`${at}.end`, 'must be later than start');
    const reason = problems.optionalString(`${at}.reason`, candidate.reason, 200);
    return { start: start!, end: end!, ...(reason ? { reason } : {}) };
  });
  return problems.count > before ? undefined : closures;
}

/** ISO 8601 with an offset (or Z), so a closure means one instant whatever the server's zone. */
function readInstant(problems: ProblemCollector, field: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    problems.add(field, 'must be an ISO 8601 date-time with offset, e.g. 2026-07-01T00:00:00+08:00');
    return undefined;
  }
  return value;
}
