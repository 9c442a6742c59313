import { NestExpressApplication } from '@nestjs/platform-express';
import { INestApplicationContext } from '@nestjs/common';
import { pushDemoShipments } from '../../src/demo/push-demo-shipments';
import { planDemoWave } from '../../src/demo/demo-plan';
import { scanInEverythingReceived } from '../../src/demo/demo-hub-arrival';
import { seedDemoCounty } from '../../src/demo/seed-demo-county';
import { OperatorUsersService } from '../../src/operators/operator-users.service';
import { OperatorUserRole } from '../../src/operators/operator-user.entity';

export interface PlannedDemoCounty {
  countyId: string;
  adminCode: string;
  apiKey: string;
  planId: string;
}

/**
 * The demo county (Xihe: 1 hub, 20 stations, 399 villages) with its shipments pushed through the
 * signed webhook, scanned in, and wave 1 of `serviceDate` planned by a worker in this process: what
 * the console's browser tests and its bench open. A short solver limit keeps it quick.
 */
export async function plannedDemoCounty(
  app: NestExpressApplication,
  serviceDate: string,
  startWorker: () => Promise<INestApplicationContext>,
  timeLimitS = 2,
): Promise<PlannedDemoCounty> {
  const seeded = await seedDemoCounty(app, 1, undefined);
  const countyId = seeded.county.id;
  const port = (app.getHttpServer().address() as { port: number }).port;
  await pushDemoShipments(`http://127.0.0.1:${port}`, countyId, app, { date: serviceDate });
  await scanInEverythingReceived(app, countyId);
  const plan = await planDemoWave(app, countyId, serviceDate, { startWorker, timeLimitS, log: () => undefined });
  if (plan.status !== 'computed') throw new Error(`the demo plan is ${plan.status}: ${plan.error}`);
  return { countyId, adminCode: seeded.county.adminCode, apiKey: seeded.apiKey, planId: plan.planId };
}

export async function createConsoleUser(app: INestApplicationContext, countyId: string, username: string, role: OperatorUserRole, password: string): Promise<string> {
  const user = await app.get(OperatorUsersService).upsert(countyId, { username, displayName: username, role, password });
  return user.id;
}
