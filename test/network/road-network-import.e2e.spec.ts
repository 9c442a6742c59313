import { parseRoadNetworkCsv } from '../../src/network/import/road-network-csv';
import { NetworkImportService, RoadImportProgress } from '../../src/network/import/network-import.service';
import { TravelMatrixService } from '../../src/network/matrix/travel-matrix.service';
import { NetworkExportService } from '../../src/network/network-export.service';
import { DomainError } from '../../src/infra/errors/domain-error';
import { createCounty } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { nodeFeature } from './network-fixtures';

/** A hand-made road network in the OSM-export CSV shape: a 2 km primary road and a 1 km residential street. */
const NODES_CSV = ['osm_node_id,lon,lat,srtm3_elev_m', '1,1.50,42.50,1000', '2,1.52,42.50,1000', '3,1.53,42.50,1000'].join('\n');
const EDGES_CSV = [
  'way_id,from_node,to_node,length_m,highway,oneway,surface,climb_m,descent_m,geometry_lonlat',
  '10,1,2,2000,primary,0,asphalt,0,0,"1.50,42.50;1.51,42.50;1.52,42.50"',
  '11,2,3,1000,residential,0,,0,0,',
].join('\n');

describe('road network import (CLI path)', () => {
  const testApp = useTestApp();

  it('writes parsed roads in one transaction with progress, idempotently, and matrices use them', async () => {
    const { county } = await createCounty(testApp.app);
    const importer = testApp.app.get(NetworkImportService);
    const parsed = parseRoadNetworkCsv({ nodesCsv: NODES_CSV, edgesCsv: EDGES_CSV });
    const progress: RoadImportProgress[] = [];
    const first = await importer.importRoadNetwork(county.id, parsed, (step) => progress.push(step));
    expect(first.roads).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(progress.map((step) => step.phase)).toEqual(['validated', 'writing', 'done']);
    expect(progress[2]).toEqual({ phase: 'done', doneRows: 2, totalRows: 2 });
    const again = await importer.importRoadNetwork(county.id, parsed);
    expect(again.roads).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(again.networkVersion).toBe(first.networkVersion);

    await importer.importFeatureCollection(county.id, {
      type: 'FeatureCollection',
      features: [
        nodeFeature('HUB', 'county_hub', [1.5, 42.5]),
        nodeFeature('T', 'township_station', [1.52, 42.5], { parent: 'HUB' }),
        nodeFeature('V', 'village_point', [1.53, 42.5], { parent: 'T' }),
      ],
    });
    const matrix = await testApp.app.get(TravelMatrixService).computeMatrix(county.id, ['HUB', 'T', 'V'], 'van');
    expect(matrix.method).toBe('road_network');
    // Van: primary 60 km/h -> 2,000 m in 120 s; residential 25 km/h -> 1,000 m in 144 s.
    expect(Array.from(matrix.durationS.slice(0, 3))).toEqual([0, 120, 264]);
    expect(Array.from(matrix.distanceM.slice(0, 3))).toEqual([0, 2000, 3000]);
    expect(Array.from(matrix.durationS.slice(6, 9))).toEqual([264, 144, 0]);
    expect(matrix.unreachable).toEqual([]);
  });

  it('refuses a position PostGIS would silently wrap, writing nothing', async () => {
    const { county } = await createCounty(testApp.app);
    const parsed = parseRoadNetworkCsv({ nodesCsv: NODES_CSV, edgesCsv: EDGES_CSV });
    parsed.edges[0]!.geometry[1] = [200, 42.5];
    const error = await testApp.app
      .get(NetworkImportService)
      .importRoadNetwork(county.id, parsed)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).problems).toEqual([expect.objectContaining({ field: 'edges[0].geometry[1][0]' })]);
    const stored = await testApp.app.get(NetworkExportService).exportFeatureCollection(county.id);
    expect(stored.features).toEqual([]);
  });
});
