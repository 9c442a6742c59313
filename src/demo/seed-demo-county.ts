import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { CountiesService } from '../counties/counties.service';
import { County } from '../counties/county.entity';
import { FleetSeedService } from '../fleet/fleet-seed.service';
import { NetworkImportResult } from '../network/import/network-import.types';
import { NetworkImportService } from '../network/import/network-import.service';
import { PASSWORD_MIN_LENGTH } from '../operators/operator-user.dto';
import { OperatorUsersService } from '../operators/operator-users.service';
import { buildDemoCounty } from './county/build-demo-county';
import type { DemoCounty } from './county/demo-county.types';

export const DEMO_ADMIN_KEY_NAME = 'demo admin';

export interface SeededDemoCounty {
  county: County;
  network: NetworkImportResult;
  vehicles: number;
  drivers: number;
  apiKey: string;
  /** True when the key came from DEMO_API_KEY (so it is not secret to print). */
  apiKeyFromEnvironment: boolean;
  attribution: string[];
}

/**
 * Seeds Xihe county through the same services the API uses (GeoJSON import, fleet upserts), so a
 * second run changes nothing. The admin key: DEMO_API_KEY when set, else a new one that replaces the
 * previous demo key (only hashes are stored, so an old secret cannot be shown again).
 */
export async function seedDemoCounty(app: INestApplicationContext, seed: number, demoApiKey: string | undefined): Promise<SeededDemoCounty> {
  const demo = buildDemoCounty({ seed });
  const counties = app.get(CountiesService);
  const { county, network, fleet } = await seedBuiltCounty(app, demo);
  const { secret } = await rotateDemoKey(counties, county.id, demoApiKey);
  return {
    county,
    network,
    vehicles: fleet.vehicles,
    drivers: fleet.drivers,
    apiKey: secret,
    apiKeyFromEnvironment: demoApiKey !== undefined,
    attribution: demo.attribution,
  };
}

/** A built county (the demo county, or one of the Longnan prefecture's) into the database: county row, network import, fleet; a second run changes nothing. */
export async function seedBuiltCounty(
  app: INestApplicationContext,
  demo: DemoCounty,
): Promise<{ county: County; network: NetworkImportResult; fleet: { vehicles: number; drivers: number } }> {
  const counties = app.get(CountiesService);
  const county = await counties.upsert({ name: demo.county.name, nameEn: demo.county.nameEn, adminCode: demo.county.adminCode, timeZone: demo.county.timeZone });
  const network = await app.get(NetworkImportService).importFeatureCollection(county.id, demo.network);
  const fleet = await app.get(FleetSeedService).upsertFleet(county.id, demo.fleet);
  return { county: await counties.get(county.id), network, fleet };
}

async function rotateDemoKey(counties: CountiesService, countyId: string, demoApiKey: string | undefined) {
  const created = await counties.createApiKey(countyId, DEMO_ADMIN_KEY_NAME, 'admin', demoApiKey);
  for (const key of await counties.listApiKeys(countyId)) {
    if (key.name === DEMO_ADMIN_KEY_NAME && key.id !== created.key.id && !key.revokedAt) await counties.revokeApiKey(countyId, key.id);
  }
  return created;
}

export const DEMO_CONSOLE_USERNAME = 'demo';

/**
 * The console's demo account (admin of the demo county): its password is DEMO_CONSOLE_PASSWORD, or
 * a new random one each run (printed by the demo), so a re-run never leaves a known default behind.
 */
export async function ensureDemoConsoleUser(
  app: INestApplicationContext,
  countyId: string,
  passwordFromEnvironment: string | undefined,
): Promise<{ username: string; password: string; passwordFromEnvironment: boolean }> {
  if (passwordFromEnvironment && passwordFromEnvironment.length < PASSWORD_MIN_LENGTH) throw new Error(`DEMO_CONSOLE_PASSWORD must be at least ${PASSWORD_MIN_LENGTH} characters`);
  const password = passwordFromEnvironment || randomBytes(9).toString('base64url');
  await app.get(OperatorUsersService).upsert(countyId, { username: DEMO_CONSOLE_USERNAME, displayName: '演示管理员', role: 'admin', password });
  return { username: DEMO_CONSOLE_USERNAME, password, passwordFromEnvironment: Boolean(passwordFromEnvironment) };
}
