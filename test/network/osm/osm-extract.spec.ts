import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DomainError } from '../../../src/infra/errors/domain-error';
import { readOsmExtract } from '../../../src/network/osm/osm-pbf-reader';
import { OsmEdge, splitWaysAtJunctions } from '../../../src/network/osm/way-splitter';
import { writeOsmPbf } from '../../support/osm-pbf-writer';
import { FIXTURE_NODES, FIXTURE_WAYS } from './osm-fixture';

describe('reading an OSM extract and splitting its ways at junctions', () => {
  let folder: string;
  const file = (name: string, bytes: Uint8Array) => {
    const target = path.join(folder, name);
    fs.writeFileSync(target, bytes);
    return target;
  };

  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-extract-'));
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('keeps the drivable ways and every node position', async () => {
    const extract = await readOsmExtract(file('valley.osm.pbf', writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS)));
    expect(extract.waysRead).toBe(7);
    expect(extract.drivableWays.map((way) => way.id)).toEqual([100, 101, 102, 105, 106]);
    expect(extract.nodes.size).toBe(12);
    expect(extract.nodes.position(7)).toEqual([1.495, 42.512]);
    expect(extract.nodes.position(99)).toBeNull();
  });

  it('splits at shared nodes only, with ids from the way and the piece, and turns oneway=-1 around', async () => {
    const extract = await readOsmExtract(file('valley.osm.pbf', writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS)));
    const edges = splitWaysAtJunctions(extract.drivableWays, extract.nodes);
    const summary = (edge: OsmEdge) => `${edge.id} ${edge.fromVertex}→${edge.toVertex}${edge.attributes.direction === 'both' ? '' : ' one-way'}`;
    expect(edges.map(summary)).toEqual([
      'osm-w100-0 osm-n1→osm-n2',
      'osm-w100-1 osm-n2→osm-n3',
      'osm-w100-2 osm-n3→osm-n4',
      'osm-w101-0 osm-n2→osm-n5',
      'osm-w101-1 osm-n5→osm-n6',
      'osm-w102-0 osm-n7→osm-n3 one-way',
      'osm-w105-0 osm-n10→osm-n11',
      'osm-w106-0 osm-n5→osm-n12',
    ]);
    const track = edges.find((edge) => edge.wayId === 102)!;
    expect(track.coordinates).toEqual([
      [1.495, 42.512],
      [1.5, 42.51],
    ]);
    // 0.005° of latitude is 556 m.
    expect(edges[0]!.lengthM).toBeCloseTo(556, 0);
  });

  it('cuts a way where it leaves the extract, and keeps a closed way as one loop', async () => {
    const nodes = [
      { id: 1, lon: 1.5, lat: 42.5 },
      { id: 2, lon: 1.501, lat: 42.5 },
      { id: 3, lon: 1.501, lat: 42.501 },
      { id: 4, lon: 1.5, lat: 42.501 },
      { id: 6, lon: 1.503, lat: 42.5 },
      { id: 7, lon: 1.504, lat: 42.5 },
    ];
    const ways = [
      // A loop that returns to its start, and a road with node 5 missing (clipped off the extract).
      { id: 1, nodes: [1, 2, 3, 4, 1], tags: { highway: 'residential' } },
      { id: 2, nodes: [2, 5, 6, 7], tags: { highway: 'residential' } },
    ];
    const extract = await readOsmExtract(file('cut.osm.pbf', writeOsmPbf(nodes, ways)));
    const edges = splitWaysAtJunctions(extract.drivableWays, extract.nodes);
    // Way 2's piece before the gap is node 2 alone: no edge, and node 2 stays a plain node of the loop.
    expect(edges.map((edge) => `${edge.id} ${edge.fromVertex}→${edge.toVertex}`)).toEqual(['osm-w1-0 osm-n1→osm-n1', 'osm-w2-0 osm-n6→osm-n7']);
    expect(edges[0]!.coordinates).toHaveLength(5);
  });

  it('refuses a truncated file, a file that is not a PBF, and an extract without a drivable way', async () => {
    const whole = writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS);
    const refusal = (target: string) =>
      readOsmExtract(target).then(
        () => null,
        (error: unknown) => error as DomainError,
      );

    const truncated = await refusal(file('truncated.osm.pbf', whole.subarray(0, whole.length - 20)));
    expect(truncated).toBeInstanceOf(DomainError);
    expect(truncated!.code).toBe('validation_failed');
    expect(truncated!.message).toMatch(/truncated or not an OSM PBF/);

    expect((await refusal(file('text.osm.pbf', Buffer.from('this is not a PBF file'))))!.message).toMatch(/truncated or not an OSM PBF/);

    const footpaths = writeOsmPbf(FIXTURE_NODES, [{ id: 1, nodes: [1, 2], tags: { highway: 'footway' } }]);
    const none = await refusal(file('footpaths.osm.pbf', footpaths));
    expect(none!.message).toMatch(/holds 1 ways and no drivable road/);

    expect((await refusal(path.join(folder, 'absent.osm.pbf')))!.message).toMatch(/cannot read the PBF file/);
  });
});
