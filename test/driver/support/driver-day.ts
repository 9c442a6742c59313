import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Driver } from '../../../src/fleet/driver.entity';
import { DriversService } from '../../../src/fleet/drivers.service';
import { AppConfig } from '../../../src/infra/config/app-config';
import { PlatformsService } from '../../../src/integrations/platforms.service';
import { ShipmentInputDto } from '../../../src/shipments/dto/shipment-input.dto';
import { ShipmentIntakeService } from '../../../src/shipments/shipment-intake.service';
import { ShipmentScansService } from '../../../src/shipments/shipment-scans.service';
import { createCounty, CountyWithKey } from '../../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../../support/test-app';
import { createPlanningCounty, PlanningCounty, receiveAtHub } from '../../planning/support/planning-county';
import { waitForComputedPlan } from '../../planning/support/planning-e2e';

export const SERVICE_DATE = '2026-11-30';
export const PIN = '246810';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  scope: string;
  device: { id: string; clientDeviceId: string };
}

/**
 * A county's published day on the real stack: a van (driver 张师傅) on the trunk and the T2 villages, a
 * tricycle (刘师傅) on T1's villages, a driver without a vehicle (王师傅); two parcels per village, a
 * shipment with cash on delivery at a T1 village and one at a T2 village, a produce pickup at a T1
 * village. Every driver has PIN 246810. The worker planned the day and is stopped.
 */
export interface DriverDay {
  config: AppConfig;
  api: TestApp;
  owner: CountyWithKey;
  county: PlanningCounty;
  plan: any;
  drivers: { van: Driver; tricycle: Driver; spare: Driver };
  shipments: { codT1: string; codT2: string; pickup: string; all: string[] };
  http(): request.Agent;
  query<T = any>(sql: string, parameters?: unknown[]): Promise<T[]>;
  signIn(driver: Driver, clientDeviceId?: string, pin?: string): Promise<TokenPair>;
  /** The route of the plan driven by `driver` (the first by route number). */
  routeOf(driver: Driver): any;
  close(): Promise<void>;
}

const DIMENSIONS = { length: 30, width: 20, height: 20, unit: 'cm' };

export async function startDriverDay(overrides: Partial<AppConfig> = {}): Promise<DriverDay> {
  const config = await createTestConfig(overrides);
  const api = await startTestApp(config);
  let worker: INestApplicationContext | undefined = await startTestWorker(config);
  try {
    const countyCode = String(100000 + Math.floor(Math.random() * 800000));
    const owner = await createCounty(api.app, { adminCode: countyCode, name: '山谷测试县' });
    const county = await createPlanningCounty(api.app, owner.county.id, countyCode);
    const fleet = api.app.get(DriversService);
    const drivers = {
      van: await fleet.create(owner.county.id, { name: '张师傅', phone: '13800138001', vehicleId: county.van.id }),
      tricycle: await fleet.create(owner.county.id, { name: '刘师傅', phone: '13800138002', vehicleId: county.tricycle.id }),
      spare: await fleet.create(owner.county.id, { name: '王师傅', phone: '13800138003' }),
    };
    const codes = county.villages.map((village) => village.adminCode!);
    const plain = await receiveAtHub(
      api.app,
      owner.county.id,
      codes.map((villageCode) => ({ villageCode, parcelWeightsG: [1_200, 2_000] })),
    );
    const { platform } = await api.app.get(PlatformsService).ensure(owner.county.id, 'driver-test-platform');
    const intake = await api.app.get(ShipmentIntakeService).create({ countyId: owner.county.id, platformId: platform.id }, [
      {
        id: 'DRV-COD-T1',
        direction: 'inbound',
        contact: { name: '王小明', phone: '+8613700137000' },
        destination: { villageCode: codes[0]! },
        parcels: [
          { barcode: 'CODT1-1', weightG: 900, dimensions: DIMENSIONS, cashOnDeliveryFen: 12_550 },
          { barcode: 'CODT1-2', weightG: 700, dimensions: DIMENSIONS, cashOnDeliveryFen: 3_000 },
        ],
      },
      {
        id: 'DRV-COD-T2',
        direction: 'inbound',
        contact: { name: '李大妈', phone: '+8613700137001' },
        destination: { villageCode: codes[3]! },
        parcels: [{ barcode: 'CODT2-1', weightG: 1_500, dimensions: DIMENSIONS, cashOnDeliveryFen: 8_800 }],
      },
      {
        id: 'DRV-PICKUP-1',
        direction: 'outbound_pickup',
        contact: { name: '赵大姐', phone: '+8613600136000' },
        destination: { villageCode: codes[1]! },
        parcels: [{ barcode: 'PICK1-1', weightG: 5_000, dimensions: DIMENSIONS }],
      },
    ] as unknown as ShipmentInputDto[]);
    const [codT1, codT2, pickup] = intake.results.map((result) => result.shipmentId) as [string, string, string];
    await api.app.get(ShipmentScansService).scanIn(owner.county.id, ['CODT1-1', 'CODT1-2', 'CODT2-1']);
    const http = () => request(api.baseUrl);
    const requested = await http()
      .post(`/v1/counties/${owner.county.id}/plans`)
      .set('Authorization', owner.authorization)
      .send({ serviceDate: SERVICE_DATE, wave: 1, timeLimitS: 60, seed: 5 })
      .expect(202);
    const computed = await waitForComputedPlan(api, owner, requested.body.id);
    if (computed.status !== 'computed') throw new Error(`the day's plan failed: ${computed.error}`);
    await worker.close();
    worker = undefined;
    await http().post(`/v1/counties/${owner.county.id}/plans/${computed.id}/publish`).set('Authorization', owner.authorization).expect(200);
    const plan = (await http().get(`/v1/counties/${owner.county.id}/plans/${computed.id}`).set('Authorization', owner.authorization).expect(200)).body;
    for (const driver of Object.values(drivers)) {
      await http().put(`/v1/counties/${owner.county.id}/drivers/${driver.id}/pin`).set('Authorization', owner.authorization).send({ pin: PIN }).expect(204);
    }
    const day: DriverDay = {
      config,
      api,
      owner,
      county,
      plan,
      drivers,
      shipments: { codT1, codT2, pickup, all: [...plain, codT1, codT2, pickup] },
      http,
      query: (sql, parameters = []) => api.app.get(DataSource).query(sql, parameters),
      async signIn(driver, clientDeviceId = `phone-of-${driver.id}`, pin = PIN) {
        const response = await http()
          .post('/v1/driver/sign-in')
          .send({ county: countyCode, phone: driver.phone, pin, device: { id: clientDeviceId, name: 'test phone' } });
        if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${JSON.stringify(response.body)}`);
        return response.body as TokenPair;
      },
      routeOf(driver) {
        return plan.routes.find((route: any) => route.driverId === driver.id);
      },
      async close() {
        await api.close();
        await cleanupTestConfig(config);
      },
    };
    return day;
  } catch (error) {
    await worker?.close();
    await api.close();
    await cleanupTestConfig(config);
    throw error;
  }
}
