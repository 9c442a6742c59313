import request from 'supertest';
import { DataSource } from 'typeorm';
import { PlatformsService } from '../../src/integrations/platforms.service';
import { createVillage, receiveAtHub } from './support/planning-county';
import { PlanningE2e, startPlanningE2e, waitForComputedPlan } from './support/planning-e2e';

const SERVICE_DATE = '2026-11-30';
const PLATFORMS = ['甲快递', '乙电商', '丙物流'] as const;
type PlatformName = (typeof PLATFORMS)[number];

const sum = <T>(items: T[], pick: (item: T) => number) => items.reduce((total, item) => total + pick(item), 0);
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

interface StoredRoute {
  id: string;
  tier: string;
  costFen: number;
  distanceM: number;
  durationS: number;
  peakWeightG: number;
  peakParcels: number;
  capacityWeightG: number;
  capacityParcels: number;
  startNodeId: string;
  platformId?: string;
  stops: Array<{ nodeId: string; kind: string; parcels: number; arrivalAt: Date; shipmentIds: string[] }>;
}

describe('a plan with its unconsolidated baseline, figures from the stored rows, and the settlement', () => {
  let e2e: PlanningE2e;
  const platformIds = {} as Record<PlatformName, string>;
  const platformKeys = {} as Record<PlatformName, string>;
  let early: string;
  let promisedEarly: string;
  let plan: any;

  const http = () => request(e2e.api.baseUrl);
  const countyId = () => e2e.owner.county.id;
  const auth = () => e2e.owner.authorization;
  const db = () => e2e.api.app.get(DataSource);

  beforeAll(async () => {
    e2e = await startPlanningE2e();
    const { app } = e2e.api;
    for (const name of PLATFORMS) {
      const registered = await app.get(PlatformsService).register(countyId(), name);
      platformIds[name] = registered.platform.id;
      platformKeys[name] = registered.apiKeySecret!;
    }
    const codes = e2e.county.villages.map((village) => village.adminCode!);
    // Villages 0-2 hang off T1 (its tricycle serves them), 3-5 off T2 (no vehicle: the hub's van serves them).
    await receiveAtHub(
      app,
      countyId(),
      [
        { villageCode: codes[0]!, parcelWeightsG: [1_200, 800] },
        { villageCode: codes[3]!, parcelWeightsG: [2_000] },
        { villageCode: codes[4]!, parcelWeightsG: [500] },
      ],
      {
        platformName: '甲快递',
      },
    );
    await receiveAtHub(
      app,
      countyId(),
      [
        { villageCode: codes[0]!, parcelWeightsG: [3_000] },
        { villageCode: codes[1]!, parcelWeightsG: [700, 700] },
        { villageCode: codes[5]!, parcelWeightsG: [1_500] },
      ],
      {
        platformName: '乙电商',
      },
    );
    // Promised for 07:05, when the van has only just left the hub: it arrives late, and the figures say so.
    [promisedEarly] = await receiveAtHub(
      app,
      countyId(),
      [
        { villageCode: codes[2]!, parcelWeightsG: [900], promisedBy: '2026-11-30T07:05:00+08:00' },
        { villageCode: codes[3]!, parcelWeightsG: [400] },
      ],
      { platformName: '丙物流' },
    );
    // A village next to the hub that closes before the van's shift starts (07:00): open for lack of time,
    // and an hour earlier start would serve it.
    const [hubLon, hubLat] = e2e.county.hub.location.coordinates as [number, number];
    const earlyVillage = await createVillage(app, countyId(), e2e.county.stations.T2, `${e2e.owner.county.adminCode}200299`, 99, [hubLon + 0.01, hubLat + 0.005], {
      openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '06:00', close: '06:50' }],
    });
    [early] = await receiveAtHub(app, countyId(), [{ villageCode: earlyVillage.adminCode!, parcelWeightsG: [600] }], { platformName: '甲快递' });

    const requested = await http()
      .post(`/v1/counties/${countyId()}/plans`)
      .set('Authorization', auth())
      .send({ serviceDate: SERVICE_DATE, wave: 1, timeLimitS: 20, seed: 5 })
      .expect(202);
    plan = await waitForComputedPlan(e2e.api, e2e.owner, requested.body.id);
    expect(plan.status).toBe('computed');
  }, 180_000);

  afterAll(async () => {
    await e2e?.close();
  });

  /** The plan's routes as stored, consolidated (with the vehicles' capacities) or baseline. */
  async function storedRoutes(scenario: 'consolidated' | 'baseline'): Promise<StoredRoute[]> {
    const [routeTable, stopTable] = scenario === 'consolidated' ? ['plan_route', 'plan_stop'] : ['plan_baseline_route', 'plan_baseline_stop'];
    const routes: any[] = await db().query(
      scenario === 'consolidated'
        ? `SELECT r.*, v.capacity_weight_g AS cap_weight, v.capacity_parcels AS cap_parcels FROM plan_route r JOIN vehicle v ON v.id = r.vehicle_id WHERE r.plan_id = $1 ORDER BY r.route_number`
        : `SELECT r.*, r.capacity_weight_g AS cap_weight, r.capacity_parcels AS cap_parcels FROM plan_baseline_route r WHERE r.plan_id = $1 ORDER BY r.route_number`,
      [plan.id],
    );
    const stops: any[] = await db().query(
      `SELECT s.* ${scenario === 'consolidated' ? '' : ", 'village' AS kind"} FROM ${stopTable} s JOIN ${routeTable} r ON r.id = s.route_id WHERE r.plan_id = $1 ORDER BY s.sequence`,
      [plan.id],
    );
    return routes.map((route) => ({
      id: route.id,
      tier: route.echelon ?? 'last_mile',
      costFen: route.cost_fen,
      distanceM: route.distance_m,
      durationS: route.duration_s,
      peakWeightG: route.peak_load_weight_g,
      peakParcels: route.peak_load_parcels,
      capacityWeightG: route.cap_weight,
      capacityParcels: route.cap_parcels,
      startNodeId: route.start_node_id,
      platformId: route.platform_id,
      stops: stops
        .filter((stop) => stop.route_id === route.id)
        .map((stop) => ({
          nodeId: stop.node_id,
          kind: stop.kind,
          parcels: stop.parcels_delivered + stop.parcels_picked_up,
          arrivalAt: stop.arrival_at,
          shipmentIds: stop.shipment_ids,
        })),
    }));
  }

  async function storedShipments(): Promise<Map<string, { platformId: string; villageNodeId: string; parcels: number; promisedBy: Date | null }>> {
    const rows: any[] = await db().query(`SELECT id, platform_id, village_node_id, parcel_count, promised_by FROM shipment WHERE county_id = $1`, [countyId()]);
    return new Map(rows.map((row) => [row.id, { platformId: row.platform_id, villageNodeId: row.village_node_id, parcels: row.parcel_count, promisedBy: row.promised_by }]));
  }

  it("plans the baseline for real: each carrier's own routes from the hub visit every village it has a parcel for, and nothing else", async () => {
    const consolidated = await storedRoutes('consolidated');
    const baseline = await storedRoutes('baseline');
    const shipments = await storedShipments();
    const riding = consolidated.flatMap((route) => route.stops.filter((stop) => stop.kind === 'village').flatMap((stop) => stop.shipmentIds));
    expect(riding).toHaveLength(8);
    expect(baseline.length).toBeGreaterThanOrEqual(3);
    for (const name of PLATFORMS) {
      const platformId = platformIds[name];
      const itsVillages = new Set(riding.filter((id) => shipments.get(id)!.platformId === platformId).map((id) => shipments.get(id)!.villageNodeId));
      const itsRoutes = baseline.filter((route) => route.platformId === platformId);
      expect(itsRoutes.length).toBeGreaterThan(0);
      expect(new Set(itsRoutes.flatMap((route) => route.stops.map((stop) => stop.nodeId)))).toEqual(itsVillages);
      for (const route of itsRoutes) {
        expect(route.startNodeId).toBe(e2e.county.hub.id);
        for (const stop of route.stops) for (const id of stop.shipmentIds) expect(shipments.get(id)!.platformId).toBe(platformId);
      }
    }
    // Exactly the consolidated plan's shipments, each once; no station, no deferral.
    expect(baseline.flatMap((route) => route.stops.flatMap((stop) => stop.shipmentIds)).sort()).toEqual([...riding].sort());
    const stations = [e2e.county.stations.T1.id, e2e.county.stations.T2.id];
    expect(baseline.flatMap((route) => route.stops).some((stop) => stations.includes(stop.nodeId))).toBe(false);
    expect(plan.baselineUnassigned).toEqual([]);

    const listed = await http().get(`/v1/counties/${countyId()}/plans/${plan.id}/baseline`).set('Authorization', auth()).expect(200);
    expect(listed.body.map((route: any) => route.id)).toEqual(baseline.map((route) => route.id));
  });

  it('computes every figure from the stored routes and stops: per tier, handling, total, baseline, saving and its sensitivity', async () => {
    const consolidated = await storedRoutes('consolidated');
    const baseline = await storedRoutes('baseline');
    const shipments = await storedShipments();
    const [rates] = await db().query(`SELECT hub_sort_fen_per_parcel AS hub, township_handover_fen_per_parcel AS handover FROM plan WHERE id = $1`, [plan.id]);
    expect(rates).toEqual({ hub: 15, handover: 10 });

    const tierOf = (routes: StoredRoute[], parcels: number, extraFen = 0) => {
      const costFen = sum(routes, (route) => route.costFen) + extraFen;
      const durationS = sum(routes, (route) => route.durationS);
      return {
        routes: routes.length,
        costFen,
        distanceM: sum(routes, (route) => route.distanceM),
        durationS,
        vehicleHours: round(durationS / 3600, 2),
        parcels,
        costPerParcelFen: parcels > 0 ? Math.round(costFen / parcels) : null,
        loadFactor:
          routes.length === 0
            ? null
            : {
                weight: round(sum(routes, (r) => r.peakWeightG) / sum(routes, (r) => r.capacityWeightG), 3),
                parcels: round(sum(routes, (r) => r.peakParcels) / sum(routes, (r) => r.capacityParcels), 3),
              },
      };
    };
    const allStopParcels = (routes: StoredRoute[]) => sum(routes, (route) => sum(route.stops, (stop) => stop.parcels));
    const kindParcels = (routes: StoredRoute[], kind: string) =>
      sum(routes, (route) =>
        sum(
          route.stops.filter((stop) => stop.kind === kind),
          (stop) => stop.parcels,
        ),
      );
    const lateParcels = (routes: StoredRoute[]) =>
      sum(
        routes.flatMap((route) => route.stops.filter((stop) => stop.kind === 'village').flatMap((stop) => stop.shipmentIds.map((id) => ({ id, arrivalAt: stop.arrivalAt })))),
        ({ id, arrivalAt }) => {
          const promisedBy = shipments.get(id)!.promisedBy;
          return promisedBy !== null && arrivalAt.getTime() > promisedBy.getTime() ? shipments.get(id)!.parcels : 0;
        },
      );
    const trunk = consolidated.filter((route) => route.tier === 'trunk');
    const lastMile = consolidated.filter((route) => route.tier === 'last_mile');
    expect(trunk.length).toBeGreaterThan(0);
    expect(lastMile.length).toBeGreaterThan(0);
    const villageParcels = kindParcels(consolidated, 'village');
    const transferParcels = kindParcels(consolidated, 'station_transfer');
    const handlingFen = 15 * villageParcels + 10 * transferParcels;
    const { figures } = plan;

    expect(figures.handlingCosts).toEqual({ hubSortFenPerParcel: 15, townshipHandoverFenPerParcel: 10 });
    expect(figures.consolidated.tiers.trunk).toEqual(tierOf(trunk, allStopParcels(trunk)));
    expect(figures.consolidated.tiers.lastMile).toEqual(tierOf(lastMile, allStopParcels(lastMile)));
    expect(figures.consolidated.handling).toEqual({ hubSortParcels: villageParcels, townshipHandoverParcels: transferParcels, costFen: handlingFen });
    expect(figures.consolidated.total).toEqual(tierOf(consolidated, villageParcels, handlingFen));
    expect(figures.consolidated.routeLoadFactors).toEqual(
      consolidated.map((route) => ({
        routeId: route.id,
        tier: route.tier,
        weight: round(route.peakWeightG / route.capacityWeightG, 3),
        parcels: round(route.peakParcels / route.capacityParcels, 3),
      })),
    );
    expect(figures.consolidated.parcelsLate).toBe(lateParcels(consolidated));
    expect(figures.consolidated.parcelsLate).toBeGreaterThanOrEqual(1);
    expect(consolidated.some((route) => route.stops.some((stop) => stop.shipmentIds.includes(promisedEarly)))).toBe(true);
    expect(figures.consolidated.parcelsLeftOpen).toBe(1);
    expect(figures.consolidated.parcelsDeferred).toBe(0);

    const baselineParcels = kindParcels(baseline, 'village');
    expect(baselineParcels).toBe(villageParcels);
    expect(figures.baseline.tiers.trunk).toEqual(tierOf([], 0));
    expect(figures.baseline.total).toEqual(tierOf(baseline, baselineParcels));
    expect(figures.baseline.handling).toEqual({ hubSortParcels: 0, townshipHandoverParcels: 0, costFen: 0 });
    expect(figures.baseline.parcelsLate).toBe(lateParcels(baseline));

    const saving = (consolidatedFen: number) => round(100 * (1 - consolidatedFen / villageParcels / (sum(baseline, (route) => route.costFen) / baselineParcels)), 1);
    const routesFen = sum(consolidated, (route) => route.costFen);
    expect(figures.savingPercent).toBe(saving(routesFen + handlingFen));
    expect(figures.handlingSensitivity).toEqual(
      [0.5, 1, 2].map((factor) => ({
        factor,
        consolidatedCostFen: routesFen + Math.round(factor * handlingFen),
        consolidatedCostPerParcelFen: Math.round((routesFen + Math.round(factor * handlingFen)) / villageParcels),
        savingPercent: saving(routesFen + Math.round(factor * handlingFen)),
      })),
    );
  });

  it('says what would serve the shipment left open for lack of time: re-solved with each change and priced', async () => {
    expect(plan.unassigned).toEqual([expect.objectContaining({ shipmentId: early, reason: 'time_window' })]);
    const byChange = Object.fromEntries(plan.remedies.map((remedy: any) => [remedy.change, remedy]));
    expect(Object.keys(byChange).sort()).toEqual(['earlier_trunk_start', 'extra_hub_van', 'second_trunk_trip']);
    expect(byChange.earlier_trunk_start).toMatchObject({ openShipments: 1, servedShipments: 1, servedParcels: 1 });
    expect(byChange.extra_hub_van).toMatchObject({ openShipments: 1, servedShipments: 0, extraCostPerServedParcelFen: null });
    expect(byChange.second_trunk_trip).toMatchObject({ openShipments: 1, servedShipments: 0 });
    for (const remedy of plan.remedies) expect(remedy.description).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shares the consolidated cost among the carriers: adds up exactly, nobody above its stand-alone cost', async () => {
    const baseline = await storedRoutes('baseline');
    const response = await http().get(`/v1/counties/${countyId()}/plans/${plan.id}/settlement`).set('Authorization', auth()).expect(200);
    const settled = response.body;
    expect(settled).toMatchObject({ planId: plan.id, serviceDate: SERVICE_DATE, rule: 'proportional_to_stand_alone_cost', totalCostFen: plan.figures.consolidated.total.costFen });
    expect(settled.lines.map((line: any) => line.platformId).sort()).toEqual(Object.values(platformIds).sort());
    expect(sum(settled.lines, (line: any) => line.shareFen) + settled.centreShareFen).toBe(settled.totalCostFen);
    for (const line of settled.lines) {
      const standAlone = sum(
        baseline.filter((route) => route.platformId === line.platformId),
        (route) => route.costFen,
      );
      expect(line.standAloneCostFen).toBe(standAlone);
      expect(line.shareFen).toBeLessThanOrEqual(standAlone);
      expect(line.savingFen).toBe(standAlone - line.shareFen);
      expect(line.platformName).toBe(PLATFORMS.find((name) => platformIds[name] === line.platformId));
    }
    expect(settled.standAloneTotalFen).toBe(sum(baseline, (route) => route.costFen));

    const csv = await http().get(`/v1/counties/${countyId()}/plans/${plan.id}/settlement?format=csv`).set('Authorization', auth()).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('service_date,wave,version,plan_id,platform_id,platform_name,parcels,stand_alone_cost_fen,share_fen,saving_fen,plan_total_cost_fen');
    expect(lines).toHaveLength(1 + settled.lines.length + (settled.centreShareFen > 0 ? 1 : 0));
  });

  it("gives a platform's own key its own line only, on the plan and over the county's dates once published; the plan itself stays closed to it", async () => {
    const own = (name: PlatformName) => `Bearer ${platformKeys[name]}`;
    const response = await http().get(`/v1/counties/${countyId()}/plans/${plan.id}/settlement`).set('Authorization', own('乙电商')).expect(200);
    expect(response.body.lines).toEqual([expect.objectContaining({ platformId: platformIds['乙电商'] })]);
    expect(response.body.totalCostFen).toBe(plan.figures.consolidated.total.costFen);
    const csv = await http().get(`/v1/counties/${countyId()}/plans/${plan.id}/settlement?format=csv`).set('Authorization', own('乙电商')).expect(200);
    expect(csv.text.trim().split('\n')).toHaveLength(2);
    expect(csv.text).not.toContain(platformIds['甲快递']);
    await http().get(`/v1/counties/${countyId()}/plans/${plan.id}`).set('Authorization', own('乙电商')).expect(403);

    const range = `/v1/counties/${countyId()}/settlement?from=2026-11-01&to=2026-11-30`;
    // A draft is not in force: the county's settlement holds published (and completed) plans only.
    expect((await http().get(range).set('Authorization', auth()).expect(200)).body.plans).toEqual([]);
    await http().post(`/v1/counties/${countyId()}/plans/${plan.id}/publish`).set('Authorization', auth()).expect(200);
    const county = (await http().get(range).set('Authorization', auth()).expect(200)).body;
    expect(county.plans.map((entry: any) => entry.planId)).toEqual([plan.id]);
    expect(county.totalCostFen).toBe(plan.figures.consolidated.total.costFen);
    expect(sum(county.totals, (line: any) => line.shareFen) + county.centreShareFen).toBe(county.totalCostFen);
    const theirs = (await http().get(range).set('Authorization', own('丙物流')).expect(200)).body;
    expect(theirs.totals).toEqual([expect.objectContaining({ platformId: platformIds['丙物流'] })]);
    expect(theirs.plans[0].lines).toEqual([expect.objectContaining({ platformId: platformIds['丙物流'] })]);
    const theirsCsv = await http().get(`${range}&format=csv`).set('Authorization', own('丙物流')).expect(200);
    expect(theirsCsv.text.trim().split('\n').slice(1)).toEqual([expect.stringContaining(platformIds['丙物流'])]);
  });

  it('refuses bad query parameters with a 400 problem naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-11-30&to=2026-11-01', 'from'],
      ['from=2026-11-01&to=2026-02-30', 'to'],
      ['from=30.11.2026&to=2026-12-01', 'from'],
      ['to=2026-12-01', 'from'],
      ['from=2025-01-01&to=2026-12-01', 'to'],
      ['from=2026-11-01&to=2026-11-30&format=pdf', 'format'],
    ];
    for (const [query, field] of cases) {
      const response = await http().get(`/v1/counties/${countyId()}/settlement?${query}`).set('Authorization', auth()).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((error: any) => error.field)).toContain(field);
    }
    const pdf = await http().get(`/v1/counties/${countyId()}/plans/${plan.id}/settlement?format=pdf`).set('Authorization', auth()).expect(400);
    expect(pdf.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
  });

  it('keeps a plan on the handling costs it was computed with; a bad handling cost is refused and changes nothing', async () => {
    const url = `/v1/counties/${countyId()}`;
    const refused = await http().patch(url).set('Authorization', auth()).send({ hubSortFenPerParcel: -1 }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'hubSortFenPerParcel' })]);
    expect((await http().get(url).set('Authorization', auth()).expect(200)).body).toMatchObject({ hubSortFenPerParcel: 15, townshipHandoverFenPerParcel: 10 });
    await http().patch(url).set('Authorization', auth()).send({ hubSortFenPerParcel: 30 }).expect(200);
    const again = await http().get(`/v1/counties/${countyId()}/plans/${plan.id}`).set('Authorization', auth()).expect(200);
    expect(again.body.figures.handlingCosts).toEqual({ hubSortFenPerParcel: 15, townshipHandoverFenPerParcel: 10 });
    expect(again.body.figures.consolidated.total.costFen).toBe(plan.figures.consolidated.total.costFen);
  });
});
