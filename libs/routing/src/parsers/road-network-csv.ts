import { RoadEdgeInput } from '../graph/road-graph';
import { roadClassFromOsmHighway, surfaceFromOsm } from '../graph/osm-road-tags';

/**
 * Road network CSV parser: a nodes file and an edges file in, vertices and edges out, usable both by
 * buildRoadGraph and by the service's importer. Pure: strings in, data out, no file system.
 *
 * Nodes: `id, lon, lat, elevation` (or the OSM export names `osm_node_id, lon, lat, srtm3_elev_m`).
 * Edges: `from, to, length_m, highway, oneway, surface, climb_m, descent_m, geometry` (or `way_id,
 * from_node, to_node, ..., geometry_lonlat`). `oneway` is 1/yes/true (forward), -1/reverse (backward,
 * stored reversed) or 0/no/false/empty (both ways). Geometry is "lon,lat;lon,lat;..." or WKT
 * LINESTRING; when empty it is the straight line between the two nodes.
 */

export class RoadNetworkCsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${file}:${line}${field === null ? '' : ` field '${field}'`}: ${reason}`);
    this.name = 'RoadNetworkCsvError';
  }
}

export interface ParsedRoadEdge extends RoadEdgeInput {
  /** Unique within the file: the id column, suffixed -2, -3 ... when a source id repeats (an OSM way split at junctions). */
  id: string;
  fromId: string;
  toId: string;
  /** The raw highway value, for display and re-export. */
  highway: string;
  name: string | null;
  /** [lon, lat] pairs from `from` to `to`. */
  geometry: Array<[number, number]>;
  /** 1-based line of the edge in its file, for error messages further down the line. */
  sourceLine: number;
}

export interface ParsedRoadNetwork {
  /** Source id of each vertex; the index is the vertex number used by edges. */
  vertexIds: string[];
  vertices: { lon: Float64Array; lat: Float64Array; elevationM: Float64Array };
  edges: ParsedRoadEdge[];
}

export interface RoadNetworkCsvInput {
  nodesCsv: string;
  edgesCsv: string;
  nodesFile?: string;
  edgesFile?: string;
}

export function parseRoadNetworkCsv(input: RoadNetworkCsvInput): ParsedRoadNetwork {
  const nodesFile = input.nodesFile ?? 'nodes.csv';
  const edgesFile = input.edgesFile ?? 'edges.csv';
  const nodes = parseNodes(readCsv(input.nodesCsv, nodesFile), nodesFile);
  const edges = parseEdges(readCsv(input.edgesCsv, edgesFile), edgesFile, nodes);
  return { ...nodes, edges };
}

const NODE_COLUMNS = {
  id: ['id', 'osm_node_id', 'node_id'],
  lon: ['lon', 'longitude'],
  lat: ['lat', 'latitude'],
  elevation: ['elevation', 'elevation_m', 'srtm3_elev_m', 'ele'],
};

const EDGE_COLUMNS = {
  id: ['id', 'way_id', 'edge_id'],
  from: ['from', 'from_node'],
  to: ['to', 'to_node'],
  length: ['length_m', 'length'],
  highway: ['highway', 'road_class'],
  oneway: ['oneway', 'one_way'],
  surface: ['surface'],
  climb: ['climb_m', 'climb'],
  descent: ['descent_m', 'descent'],
  geometry: ['geometry', 'geometry_lonlat'],
  name: ['name'],
};

function parseNodes(table: CsvTable, file: string): Omit<ParsedRoadNetwork, 'edges'> {
  const column = columnFinder(table, file);
  const idColumn = column(NODE_COLUMNS.id, true);
  const lonColumn = column(NODE_COLUMNS.lon, true);
  const latColumn = column(NODE_COLUMNS.lat, true);
  const elevationColumn = column(NODE_COLUMNS.elevation, false);
  const count = table.rows.length;
  const result = {
    vertexIds: new Array<string>(count),
    vertices: { lon: new Float64Array(count), lat: new Float64Array(count), elevationM: new Float64Array(count).fill(NaN) },
  };
  const seen = new Set<string>();
  table.rows.forEach((row, index) => {
    const cell = rowReader(row, table.header, file);
    const id = cell.text(idColumn);
    if (id === '') cell.fail(idColumn, 'is empty');
    if (seen.has(id)) cell.fail(idColumn, `duplicate node id '${id}'`);
    seen.add(id);
    result.vertexIds[index] = id;
    result.vertices.lon[index] = cell.numberIn(lonColumn, -180, 180);
    result.vertices.lat[index] = cell.numberIn(latColumn, -90, 90);
    if (elevationColumn !== null && cell.text(elevationColumn) !== '') {
      result.vertices.elevationM[index] = cell.numberIn(elevationColumn, -500, 9000);
    }
  });
  return result;
}

function parseEdges(table: CsvTable, file: string, nodes: Omit<ParsedRoadNetwork, 'edges'>): ParsedRoadEdge[] {
  const column = columnFinder(table, file);
  const c = {
    id: column(EDGE_COLUMNS.id, false),
    from: column(EDGE_COLUMNS.from, true),
    to: column(EDGE_COLUMNS.to, true),
    length: column(EDGE_COLUMNS.length, true),
    highway: column(EDGE_COLUMNS.highway, true),
    oneway: column(EDGE_COLUMNS.oneway, false),
    surface: column(EDGE_COLUMNS.surface, false),
    climb: column(EDGE_COLUMNS.climb, false),
    descent: column(EDGE_COLUMNS.descent, false),
    geometry: column(EDGE_COLUMNS.geometry, false),
    name: column(EDGE_COLUMNS.name, false),
  };
  const vertexOf = new Map(nodes.vertexIds.map((id, index) => [id, index]));
  const idUses = new Map<string, number>();

  return table.rows.map((row) => {
    const cell = rowReader(row, table.header, file);
    const vertexAt = (index: number): number => {
      const vertex = vertexOf.get(cell.text(index));
      return vertex ?? cell.fail(index, `node '${cell.text(index)}' is not in the nodes file`);
    };
    let from = vertexAt(c.from);
    let to = vertexAt(c.to);
    const highway = cell.text(c.highway);
    const roadClass = roadClassFromOsmHighway(highway) ?? cell.fail(c.highway, `'${highway}' is not a drivable road class`);
    const direction = c.oneway === null ? 0 : (onewayDirection(cell.text(c.oneway)) ?? cell.fail(c.oneway, `'${cell.text(c.oneway)}' is not 1, -1 or 0`));
    let climbM = c.climb === null || cell.text(c.climb) === '' ? 0 : cell.numberIn(c.climb, 0, Infinity);
    let descentM = c.descent === null || cell.text(c.descent) === '' ? 0 : cell.numberIn(c.descent, 0, Infinity);
    let geometry = c.geometry === null || cell.text(c.geometry) === '' ? straightLine(nodes, from, to) : parseGeometry(cell, c.geometry);
    if (direction === -1) {
      // Drivable only against the drawn direction: store it the way it is driven.
      [from, to, climbM, descentM] = [to, from, descentM, climbM];
      geometry = geometry.slice().reverse();
    }
    const sourceId = c.id === null ? `line-${row.line}` : cell.text(c.id) || cell.fail(c.id, 'is empty');
    const uses = (idUses.get(sourceId) ?? 0) + 1;
    idUses.set(sourceId, uses);
    return {
      id: uses === 1 ? sourceId : `${sourceId}-${uses}`,
      from,
      to,
      fromId: nodes.vertexIds[from],
      toId: nodes.vertexIds[to],
      lengthM: cell.numberIn(c.length, Number.MIN_VALUE, Infinity),
      roadClass,
      surface: c.surface === null ? 'unknown' : surfaceFromOsm(cell.text(c.surface)),
      climbM,
      descentM,
      oneWay: direction !== 0,
      highway,
      name: c.name === null || cell.text(c.name) === '' ? null : cell.text(c.name),
      geometry,
      sourceLine: row.line,
    };
  });
}

function onewayDirection(value: string): 1 | -1 | 0 | null {
  switch (value.trim().toLowerCase()) {
    case '1':
    case 'yes':
    case 'true':
      return 1;
    case '-1':
    case 'reverse':
      return -1;
    case '0':
    case 'no':
    case 'false':
    case '':
      return 0;
    default:
      return null;
  }
}

function straightLine(nodes: Omit<ParsedRoadNetwork, 'edges'>, from: number, to: number): Array<[number, number]> {
  const { lon, lat } = nodes.vertices;
  return [
    [lon[from], lat[from]],
    [lon[to], lat[to]],
  ];
}

/** "lon,lat;lon,lat" or WKT "LINESTRING(lon lat, lon lat)". */
function parseGeometry(cell: RowReader, index: number): Array<[number, number]> {
  const text = cell.text(index);
  const wkt = /^\s*LINESTRING\s*\((.*)\)\s*$/i.exec(text);
  const points = wkt ? wkt[1].split(',').map((pair) => pair.trim().split(/\s+/)) : text.split(';').map((pair) => pair.split(','));
  if (points.length < 2) cell.fail(index, 'a line needs at least two points');
  return points.map((pair, position) => {
    const lon = Number(pair[0]);
    const lat = Number(pair[1]);
    if (pair.length !== 2 || !(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90) || pair[0].trim() === '' || pair[1].trim() === '') {
      cell.fail(index, `point ${position + 1} '${pair.join(',')}' is not a valid longitude,latitude`);
    }
    return [lon, lat] as [number, number];
  });
}

// ---- CSV reading (RFC 4180: quoted fields, doubled quotes, CRLF, line breaks inside quotes) ----

interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

interface CsvTable {
  header: string[];
  rows: CsvRow[];
}

export function readCsv(text: string, file: string): CsvTable {
  const records: CsvRow[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldWasQuoted = false;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = (): void => {
    cells.push(field);
    if (cells.length > 1 || cells[0] !== '' || fieldWasQuoted) records.push({ line: recordLine, cells });
    cells = [];
    field = '';
    fieldWasQuoted = false;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') {
      if (field !== '') throw new RoadNetworkCsvError(file, line, null, 'a quote inside an unquoted field');
      quoted = true;
      fieldWasQuoted = true;
    } else if (ch === ',') {
      cells.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new RoadNetworkCsvError(file, recordLine, null, 'a quoted field is not closed');
  endRecord();
  if (records.length === 0) throw new RoadNetworkCsvError(file, 1, null, 'the file is empty (a header row is required)');
  const [header, ...rows] = records;
  return { header: header.cells.map((name) => name.trim().toLowerCase()), rows };
}

function columnFinder(table: CsvTable, file: string) {
  function find(names: string[], required: true): number;
  function find(names: string[], required: false): number | null;
  function find(names: string[], required: boolean): number | null {
    const index = table.header.findIndex((name) => names.includes(name));
    if (index === -1 && required) throw new RoadNetworkCsvError(file, 1, names[0], `missing column (accepted names: ${names.join(', ')})`);
    return index === -1 ? null : index;
  }
  return find;
}

interface RowReader {
  text(index: number): string;
  numberIn(index: number, min: number, max: number): number;
  fail(index: number, reason: string): never;
}

function rowReader(row: CsvRow, header: string[], file: string): RowReader {
  if (row.cells.length !== header.length) {
    throw new RoadNetworkCsvError(file, row.line, null, `${row.cells.length} fields, the header has ${header.length}`);
  }
  const reader: RowReader = {
    text: (index) => row.cells[index].trim(),
    fail: (index, reason) => {
      throw new RoadNetworkCsvError(file, row.line, header[index], reason);
    },
    numberIn: (index, min, max) => {
      const text = reader.text(index);
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) reader.fail(index, `'${text}' is not a finite number`);
      if (value < min || value > max) reader.fail(index, `${value} is outside ${min === Number.MIN_VALUE ? '(0' : `[${min}`}, ${max === Infinity ? '∞)' : `${max}]`}`);
      return value;
    },
  };
  return reader;
}
