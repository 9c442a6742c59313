import { Random } from '../random';
import { RoadEdgeInput, RoadGraphInput } from './road-graph';
import { RoadClass, Surface } from './road-types';

export interface SyntheticRoadNetworkOptions {
  seed: number;
  /** Number of edges produced, exactly. */
  edgeCount: number;
  /** South-west corner; defaults to a mountain county in Gansu. */
  originLon?: number;
  originLat?: number;
  /** Grid spacing before jitter, metres. */
  spacingM?: number;
  /** Share of grid edges dropped, so that the grid has dead ends and detours. */
  dropShare?: number;
  /** Share of edges made one-way. */
  oneWayShare?: number;
}

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * A seeded, planar-ish synthetic road network for tests and benchmarks: a jittered square grid with
 * some edges dropped and diagonals added, arterial rows and columns of higher road class, tracks on
 * gravel or dirt, winding lengths and a smooth mountain relief for climbs. Synthetic: not a real place.
 */
export function generateSyntheticRoadNetwork(options: SyntheticRoadNetworkOptions): RoadGraphInput {
  const random = new Random(options.seed);
  const spacingM = options.spacingM ?? 400;
  const dropShare = options.dropShare ?? 0.05;
  const oneWayShare = options.oneWayShare ?? 0.03;
  const originLon = options.originLon ?? 105.3;
  const originLat = options.originLat ?? 34.0;
  // Pick the grid so that the kept grid edges are a little under the target; diagonals fill the rest.
  const side = Math.max(2, Math.floor(Math.sqrt((options.edgeCount * 0.98) / (2 * (1 - dropShare)))));

  const lon = new Float64Array(side * side);
  const lat = new Float64Array(side * side);
  const elevationM = new Float64Array(side * side);
  const lonStep = spacingM / (METRES_PER_DEGREE_LAT * Math.cos((originLat * Math.PI) / 180));
  const latStep = spacingM / METRES_PER_DEGREE_LAT;
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      const v = row * side + column;
      lon[v] = originLon + (column + (random.nextFloat() - 0.5) * 0.6) * lonStep;
      lat[v] = originLat + (row + (random.nextFloat() - 0.5) * 0.6) * latStep;
      elevationM[v] = 1200 + 500 * Math.sin(column / 9) * Math.cos(row / 13) + 40 * random.nextFloat();
    }
  }

  const pairs: Array<[number, number, number]> = []; // from, to, arterial level of the line (0..3)
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      const v = row * side + column;
      if (column + 1 < side && random.nextFloat() >= dropShare) pairs.push([v, v + 1, arterialLevel(row)]);
      if (row + 1 < side && random.nextFloat() >= dropShare) pairs.push([v, v + side, arterialLevel(column)]);
    }
  }
  while (pairs.length > options.edgeCount) {
    const index = random.nextInt(pairs.length);
    pairs[index] = pairs[pairs.length - 1];
    pairs.pop();
  }
  while (pairs.length < options.edgeCount) {
    const row = random.nextInt(side - 1);
    const column = random.nextInt(side - 1);
    const up = random.nextFloat() < 0.5;
    const from = (up ? row + 1 : row) * side + column;
    const to = (up ? row : row + 1) * side + column + 1;
    pairs.push([from, to, 0]);
  }

  const edges: RoadEdgeInput[] = pairs.map(([from, to, level]) => {
    const roadClass = level > 0 ? ARTERIAL_CLASSES[level] : MINOR_CLASSES[random.nextInt(MINOR_CLASSES.length)];
    const straightM = Math.hypot((lon[to] - lon[from]) * (lonStep / latStep), lat[to] - lat[from]) * METRES_PER_DEGREE_LAT;
    const rise = elevationM[to] - elevationM[from];
    const wiggleM = 5 * random.nextFloat(); // small ups and downs along the way
    return {
      from,
      to,
      lengthM: straightM * (1 + 0.3 * random.nextFloat()) + 1,
      roadClass,
      surface: surfaceFor(roadClass, random),
      climbM: Math.max(0, rise) + wiggleM,
      descentM: Math.max(0, -rise) + wiggleM,
      oneWay: random.nextFloat() < oneWayShare,
    };
  });
  return { vertices: { lon, lat }, edges };
}

const ARTERIAL_CLASSES: RoadClass[] = ['unclassified', 'tertiary', 'secondary', 'primary'];
const MINOR_CLASSES: RoadClass[] = ['unclassified', 'unclassified', 'residential', 'track', 'track', 'service'];

/** Every 16th line is primary, every 8th secondary, every 4th tertiary; the rest are minor roads. */
function arterialLevel(line: number): number {
  if (line % 16 === 0) return 3;
  if (line % 8 === 0) return 2;
  if (line % 4 === 0) return 1;
  return 0;
}

function surfaceFor(roadClass: RoadClass, random: Random): Surface {
  if (roadClass !== 'track') return random.nextFloat() < 0.1 ? 'unknown' : 'paved';
  const draw = random.nextFloat();
  return draw < 0.5 ? 'gravel' : draw < 0.8 ? 'dirt' : 'unknown';
}
