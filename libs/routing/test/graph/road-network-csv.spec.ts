import { buildRoadGraph } from '../../src/graph/road-graph';
import { parseRoadNetworkCsv, readCsv, RoadNetworkCsvError } from '../../src/parsers/road-network-csv';

// The shape of the OpenStreetMap-derived Andorra export (headers and value styles), values invented.
const andorraNodes = ['osm_node_id,lon,lat,srtm3_elev_m', '101,1.5210,42.5070,1030.5', '102,1.5230,42.5080,1041.0', '103,1.5250,42.5100,1100.2', ''].join('\n');
const andorraEdges = [
  'way_id,from_node,to_node,length_m,highway,oneway,name,ref,maxspeed,surface,climb_m,descent_m,n_points,geometry_lonlat',
  '900,101,102,190.5,primary_link,1,"Avinguda ""Meritxell""",CG-1,50,asphalt,10.5,0.0,3,"1.5210,42.5070;1.5220,42.5075;1.5230,42.5080"',
  '900,102,103,250.0,track,-1,,,,ground,59.2,0.0,2,"1.5230,42.5080;1.5250,42.5100"',
  '901,101,103,400.0,living_street,0,,,,yes,0,0,2,"1.5210,42.5070;1.5250,42.5100"',
].join('\r\n');

function parseError(nodesCsv: string, edgesCsv: string): RoadNetworkCsvError {
  try {
    parseRoadNetworkCsv({ nodesCsv, edgesCsv, nodesFile: 'n.csv', edgesFile: 'e.csv' });
  } catch (error) {
    if (error instanceof RoadNetworkCsvError) return error;
    throw error;
  }
  throw new Error('expected a RoadNetworkCsvError');
}

const plainNodes = 'id,lon,lat,elevation\na,105.1,34.0,1200\nb,105.2,34.0,\n';
const plainEdgeHeader = 'from,to,length_m,highway,oneway,surface,climb_m,descent_m,geometry';

describe('road network CSV', () => {
  it('parses the Andorra header shape and maps OSM tags', () => {
    const network = parseRoadNetworkCsv({ nodesCsv: andorraNodes, edgesCsv: andorraEdges });
    expect(network.vertexIds).toEqual(['101', '102', '103']);
    expect(network.vertices.elevationM[1]).toBe(1041);
    const [link, track, street] = network.edges;
    expect(link).toMatchObject({
      id: '900',
      fromId: '101',
      toId: '102',
      lengthM: 190.5,
      roadClass: 'primary',
      surface: 'paved',
      oneWay: true,
      climbM: 10.5,
      name: 'Avinguda "Meritxell"',
    });
    expect(link.geometry).toEqual([
      [1.521, 42.507],
      [1.522, 42.5075],
      [1.523, 42.508],
    ]);
    // oneway -1: stored the way it is driven, 103 -> 102, climb and descent swapped, geometry reversed.
    expect(track).toMatchObject({ id: '900-2', fromId: '103', toId: '102', roadClass: 'track', surface: 'dirt', oneWay: true, climbM: 0, descentM: 59.2 });
    expect(track.geometry[0]).toEqual([1.525, 42.51]);
    expect(street).toMatchObject({ roadClass: 'residential', surface: 'unknown', oneWay: false });
    expect(buildRoadGraph(network).arcCount).toBe(4);
  });

  it('parses the plain header shape with WKT or empty geometry', () => {
    const edges = `${plainEdgeHeader}\na,b,9100,tertiary,no,gravel,12,3,"LINESTRING(105.1 34.0, 105.2 34.0)"\nb,a,9100,unclassified,,,,,\n`;
    const network = parseRoadNetworkCsv({ nodesCsv: plainNodes, edgesCsv: edges });
    expect(Number.isNaN(network.vertices.elevationM[1])).toBe(true);
    expect(network.edges[0]).toMatchObject({ id: 'line-2', roadClass: 'tertiary', surface: 'gravel', climbM: 12, descentM: 3, oneWay: false });
    expect(network.edges[1]).toMatchObject({
      surface: 'unknown',
      climbM: 0,
      geometry: [
        [105.2, 34],
        [105.1, 34],
      ],
    });
  });

  it.each([
    ['a bad longitude', 'id,lon,lat\na,190,34\n', `${plainEdgeHeader}\n`, 'n.csv', 2, 'lon'],
    ['a duplicate node', 'id,lon,lat\na,105,34\na,105,34\n', `${plainEdgeHeader}\n`, 'n.csv', 3, 'id'],
    ['a missing column', 'id,lon\na,105\n', `${plainEdgeHeader}\n`, 'n.csv', 1, 'lat'],
    ['an unknown node', plainNodes, `${plainEdgeHeader}\na,b,10,primary,0,,,,\na,zz,10,primary,0,,,,\n`, 'e.csv', 3, 'to'],
    ['a zero length', plainNodes, `${plainEdgeHeader}\na,b,0,primary,0,,,,\n`, 'e.csv', 2, 'length_m'],
    ['a non-number length', plainNodes, `${plainEdgeHeader}\na,b,abc,primary,0,,,,\n`, 'e.csv', 2, 'length_m'],
    ['a footway', plainNodes, `${plainEdgeHeader}\na,b,10,footway,0,,,,\n`, 'e.csv', 2, 'highway'],
    ['a bad oneway', plainNodes, `${plainEdgeHeader}\na,b,10,primary,2,,,,\n`, 'e.csv', 2, 'oneway'],
    ['a negative climb', plainNodes, `${plainEdgeHeader}\na,b,10,primary,0,,-4,,\n`, 'e.csv', 2, 'climb_m'],
    ['a bad geometry point', plainNodes, `${plainEdgeHeader}\na,b,10,primary,0,,,,"105.1,34;105.2"\n`, 'e.csv', 2, 'geometry'],
  ])('names the file, line and field for %s', (_, nodesCsv, edgesCsv, file, line, field) => {
    const error = parseError(nodesCsv, edgesCsv);
    expect({ file: error.file, line: error.line, field: error.field }).toEqual({ file, line, field });
    expect(error.message).toContain(`${file}:${line} field '${field}'`);
  });

  it('counts lines inside quoted fields and reports rows of the wrong width', () => {
    const error = parseError(plainNodes, `${plainEdgeHeader}\na,b,10,primary,0,,,,"105.1,34;\n105.2,34"\na,b,10\n`);
    expect({ line: error.line, field: error.field }).toEqual({ line: 4, field: null });
  });

  it('reads quoted fields, doubled quotes, CRLF and a byte-order mark', () => {
    const table = readCsv('\ufeffA,B\r\n"x,1","say ""hi"""\r\n\r\n', 'f.csv');
    expect(table.header).toEqual(['a', 'b']);
    expect(table.rows).toEqual([{ line: 2, cells: ['x,1', 'say "hi"'] }]);
    expect(() => readCsv('a\n"open', 'f.csv')).toThrow('f.csv:2: a quoted field is not closed');
  });
});
