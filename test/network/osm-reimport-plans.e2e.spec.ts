import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import request from 'supertest';
import { OsmImportService } from '../../src/network/osm/osm-import.service';
import { planDemoWave } from '../../src/demo/demo-plan';
import { createCounty } from '../support/factories';
import { writeOsmPbf } from '../support/osm-pbf-writer';
import { startTestWorker, useTestApp } from '../support/test-app';
import { createPlanningCounty, receiveAtHub } from '../planning/support/planning-county';
import { FIXTURE_NODES, FIXTURE_WAYS } from './osm/osm-fixture';

/** The valley fixture moved onto the planning county (around 105.3° E, 34.0° N). */
const nodesNearHub = FIXTURE_NODES.map((node) => ({ ...node, lon: node.lon + 103.8, lat: node.lat - 8.5 }));

describe('a plan keeps the network version it was made with across OSM re-imports', () => {
  const testApp = useTestApp();

  it('reads the same plan, on its old version, after the roads changed under it', async () => {
    const countyCode = String(100000 + Math.floor(Math.random() * 800000));
    const { county, authorization } = await createCounty(testApp.app, { adminCode: countyCode });
    const planning = await createPlanningCounty(testApp.app, county.id, countyCode);
    await receiveAtHub(
      testApp.app,
      county.id,
      planning.villages.map((village) => ({ villageCode: village.adminCode!, parcelWeightsG: [2_000] })),
    );
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-plans-'));
    const extract = (name: string, ways: typeof FIXTURE_WAYS) => {
      const file = path.join(folder, name);
      fs.writeFileSync(file, writeOsmPbf(nodesNearHub, ways));
      return file;
    };
    try {
      const importer = testApp.app.get(OsmImportService);
      const first = await importer.importExtract(county.id, { pbfPath: extract('first.osm.pbf', FIXTURE_WAYS), demPaths: [] });
      const summary = await planDemoWave(testApp.app, county.id, '2026-12-01', { startWorker: () => startTestWorker(testApp.config), timeLimitS: 5, log: () => undefined });
      expect(summary.status).toBe('computed');
      const planUrl = `/v1/counties/${county.id}/plans/${summary.planId}`;
      const before = (await request(testApp.baseUrl).get(planUrl).set('Authorization', authorization).expect(200)).body;
      expect(before.networkVersion).toBe(first.networkVersion);

      const newer = await importer.importExtract(county.id, {
        pbfPath: extract(
          'newer.osm.pbf',
          FIXTURE_WAYS.filter((way) => way.id !== 106),
        ),
        demPaths: [],
      });
      expect(newer.networkVersion).toBe(first.networkVersion + 1);
      const after = (await request(testApp.baseUrl).get(planUrl).set('Authorization', authorization).expect(200)).body;
      expect(after).toEqual(before);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    // Two imports and a plan whose job also plans its baseline (the same time budget again).
  }, 120_000);
});
