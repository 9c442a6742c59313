import { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { VehiclesService } from '../../../src/fleet/vehicles.service';
import { QueueName } from '../../../src/infra/queue/queue-names';
import { NetworkNodesService } from '../../../src/network/network-nodes.service';
import { Plan } from '../../../src/planning/plan.entity';
import { PlanRequestsService } from '../../../src/planning/plan-requests.service';
import { eventually } from '../../integrations/support/receiver';
import { createVillage, receiveAtHub } from './planning-county';

/**
 * A county whose one wave is a single solve that runs to its time limit: `villageCount` villages
 * scattered over 30 × 30 km under a station with no vehicle, so the hub's two vans (of different
 * capacities) serve every village themselves, one shipment each. With 150 villages the time limit
 * ends the solve long before the iteration budget (269 of 850 HGS iterations in the trunk's 6.4 s of
 * an 8 s limit, on a two-core machine).
 */
export async function createLongSolveCounty(app: INestApplicationContext, countyId: string, countyCode: string, villageCount: number): Promise<void> {
  const nodes = app.get(NetworkNodesService);
  const point = (lon: number, lat: number) => ({ type: 'Point' as const, coordinates: [lon, lat] });
  const hub = await nodes.create(countyId, { tier: 'county_hub', code: 'HUB', name: '县物流中心', location: point(105.3, 34.0) });
  const station = await nodes.create(countyId, { tier: 'township_station', code: 'T1', parentId: hub.id, name: '东镇', location: point(105.35, 34.0) });
  let state = 7;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const villageCodes: string[] = [];
  for (let index = 0; index < villageCount; index++) {
    const adminCode = `${countyCode}100${String(201 + index).padStart(3, '0')}`;
    await createVillage(app, countyId, station, adminCode, index + 1, [105.15 + random() * 0.3, 33.85 + random() * 0.3]);
    villageCodes.push(adminCode);
  }
  const vehicles = app.get(VehiclesService);
  for (const [code, capacityWeightG, fixedCostFen] of [
    ['VAN-1', 800_000, 8_000],
    ['VAN-2', 500_000, 6_000],
  ] as const) {
    await vehicles.create(countyId, {
      code,
      vehicleClass: 'van',
      homeNodeId: hub.id,
      capacityWeightG,
      capacityVolumeCm3: 6_000_000,
      capacityParcels: 200,
      fixedCostFen,
      costPerKmFen: 90,
      costPerHourFen: 2_500,
      shiftStart: '06:00',
      shiftEnd: '22:00',
    });
  }
  await receiveAtHub(
    app,
    countyId,
    villageCodes.map((villageCode) => ({ villageCode, parcelWeightsG: [2_000] })),
  );
}

/** Waits until the plan's job reports the trunk stage (its solve is starting); returns that moment, epoch ms. */
export async function waitForSolveStart(app: INestApplicationContext, plan: Plan, timeoutMs = 30_000): Promise<number> {
  const queue = app.get<Queue>(getQueueToken(QueueName.planning));
  const jobId = app.get(PlanRequestsService).jobId(plan);
  await eventually(async () => ((await queue.getJob(jobId))?.progress as { stage?: string } | undefined)?.stage === 'trunk', timeoutMs, 50);
  return Date.now();
}
