import { solve } from '@rural-dispatch/routing';
import { MAX_TRIPS } from '../../src/planning/planner/depot-trips';
import { PLANNER_ENGINE } from '../../src/planning/planner/depot-solve';
import { InfeasibleSolutionError } from '../../src/planning/planner/solution-reader';
import { iterationBudget, planWave } from '../../src/planning/planner/wave-planner';
import { isStationRoundRun } from '../../src/planning/planner/station-round';
import type { SolveFunction, WaveInput, WavePlan } from '../../src/planning/planner/wave-model';
import { fixtureInput, gridMatrices, node, shipment, vehicle } from './support/wave-fixture';

const solveHere: SolveFunction = async (problem, options) => solve(problem, options);
const plan = (input: WaveInput, blocked: string[] = []) => planWave(input, { matrices: gridMatrices(blocked), solve: solveHere });

function villageStopsOf(result: WavePlan, shipmentId: string) {
  return result.routes.flatMap((route) => route.stops.filter((stop) => stop.kind === 'village' && stop.shipmentIds.includes(shipmentId)));
}

describe('planWave on a two-station county', () => {
  let result: WavePlan;
  const input = fixtureInput();
  beforeAll(async () => {
    result = await plan(input);
  });

  it('puts every shipment on exactly one village stop and leaves none open', () => {
    expect(result.unassigned).toEqual([]);
    for (const { id } of input.shipments) expect(villageStopsOf(result, id)).toHaveLength(1);
    expect(result.plannedShipmentIds).toEqual(input.shipments.map((s) => s.id).sort());
  });

  it('sends the van on a trunk route through S1 and lets it serve S2 (no vehicle of its own) directly', () => {
    const trunk = result.routes.filter((route) => route.echelon === 'trunk');
    expect(trunk.map((route) => route.vehicleId)).toEqual(['van-1']);
    const transfers = trunk[0]!.stops.filter((stop) => stop.kind === 'station_transfer');
    expect(transfers.map((stop) => stop.nodeId)).toEqual(['S1']);
    expect(transfers[0]!.shipmentIds.sort()).toEqual(
      input.shipments
        .filter((s) => /V1/.test(s.villageNodeId))
        .map((s) => s.id)
        .sort(),
    );
    const directNodes = trunk[0]!.stops
      .filter((stop) => stop.kind === 'village')
      .map((stop) => stop.nodeId)
      .sort();
    expect(directNodes).toEqual(['V21', 'V22', 'V23']);
    expect(result.routes.some((route) => route.stops.some((stop) => stop.nodeId === 'S2'))).toBe(false);
  });

  it('serves S1 villages with the tricycle from S1, leaving only after the trunk unloads', () => {
    const lastMile = result.routes.filter((route) => route.echelon === 'last_mile');
    expect(lastMile.map((route) => [route.vehicleId, route.startNodeId])).toEqual([['tri-1', 'S1']]);
    const unloadedAt = result.routes[0]!.stops.find((stop) => stop.nodeId === 'S1')!.departureS;
    expect(lastMile[0]!.departureS).toBeGreaterThanOrEqual(unloadedAt);
    expect(lastMile[0]!.stops.map((stop) => stop.nodeId).sort()).toEqual(['V11', 'V12', 'V13']);
  });

  it('keeps loads within capacity, counts parcels and prices routes in fen', () => {
    for (const route of result.routes) {
      const capacity = input.vehicles.find((v) => v.id === route.vehicleId)!.capacity;
      expect(route.peakLoad.weightG).toBeLessThanOrEqual(capacity.weightG);
      expect(route.peakLoad.parcels).toBeLessThanOrEqual(capacity.parcels);
      expect(route.costFen).toBeGreaterThan(0);
      expect(route.stops.map((stop) => stop.sequence)).toEqual(route.stops.map((_, i) => i + 1));
    }
    const parcels = input.shipments.reduce((sum, s) => sum + s.parcelCount, 0);
    expect(result.totals.parcels).toBe(parcels);
    expect(result.totals.costFen).toBe(result.routes.reduce((sum, route) => sum + route.costFen, 0));
    expect(result.totals.costPerParcelFen).toBe(Math.round(result.totals.costFen / parcels));
    expect(result.totals.vehiclesUsed).toBe(2);
  });

  it('replays exactly under the same seed', async () => {
    const again = await plan(fixtureInput());
    expect(again.routes).toEqual(result.routes);
    expect(again.unassigned).toEqual(result.unassigned);
    expect(result.statistics.every((run) => run.replayable)).toBe(true);
  });
});

describe('planWave leaves out what it cannot serve, with a reason', () => {
  it('a shipment heavier than every vehicle: capacity, while its village-mates are planned', async () => {
    const input = fixtureInput();
    input.shipments.push(shipment('heavy', 'V11', { weightG: 5_000_000 }));
    const result = await plan(input);
    expect(result.unassigned).toEqual([{ shipmentId: 'heavy', villageNodeId: 'V11', reason: 'capacity', echelon: 'trunk' }]);
    expect(villageStopsOf(result, 'd-V11-a')).toHaveLength(1);
    expect(result.routes.some((route) => route.stops.some((stop) => stop.shipmentIds.includes('heavy')))).toBe(false);
  });

  it('a parcel the trunk can carry but the tricycle cannot: capacity on the last mile, and off the trunk stop', async () => {
    const input = fixtureInput();
    input.shipments.push(shipment('bulky', 'V12', { weightG: 400_000 }));
    const result = await plan(input);
    expect(result.unassigned).toEqual([{ shipmentId: 'bulky', villageNodeId: 'V12', reason: 'capacity', echelon: 'last_mile' }]);
    const transfer = result.routes.flatMap((route) => route.stops).find((stop) => stop.kind === 'station_transfer')!;
    expect(transfer.shipmentIds).not.toContain('bulky');
  });

  it('a village closed on the service date (a Monday): closed', async () => {
    const input = fixtureInput();
    input.nodes = input.nodes.map((n) => (n.id === 'V22' ? node('V22', 'village_point', 'S2', { openingHours: [{ days: [6, 7], open: '09:00', close: '17:00' }] }) : n));
    const result = await plan(input);
    expect(result.unassigned.map((u) => [u.shipmentId, u.reason])).toEqual([
      ['d-V22-a', 'closed'],
      ['d-V22-b', 'closed'],
      ['p-V22', 'closed'],
    ]);
  });

  it('a village without a road: unreachable', async () => {
    const result = await plan(fixtureInput(), ['V23']);
    expect(new Set(result.unassigned.map((u) => u.reason))).toEqual(new Set(['unreachable']));
    expect(result.unassigned.map((u) => u.shipmentId)).toEqual(['d-V23-a', 'd-V23-b']);
  });

  it("express for villages the station's vehicle cannot reach within its shift whenever the trunk drops: from the hub directly; due work stays", async () => {
    const base = fixtureInput({ vehicles: [vehicle('van-1', 'van', 'H'), vehicle('tri-1', 'tricycle', 'S1', { shiftEndS: 8 * 3600 + 60 })] });
    const express = (id: string) => /-a$/.test(id) && /^d-V1/.test(id);
    const input = { ...base, shipments: base.shipments.map((s) => (express(s.id) ? { ...s, urgency: 'express' as const } : s)) };
    const result = await plan(input);
    const expressIds = input.shipments.filter((s) => express(s.id)).map((s) => s.id);
    expect(expressIds.length).toBe(3);
    for (const id of expressIds) expect(villageStopsOf(result, id).map((stop) => stop.kind)).toEqual(['village']);
    expect(result.routes.filter((route) => route.vehicleId === 'tri-1')).toEqual([]);
    const open = result.unassigned.filter((u) => /^V1/.test(u.villageNodeId));
    expect(open.length).toBe(4);
    expect(new Set(open.map((u) => u.reason))).toEqual(new Set(['time_window']));
  });

  it('a trunk arriving after the station shift ends: the last mile cannot start (time_window)', async () => {
    const input = fixtureInput({ vehicles: [vehicle('van-1', 'van', 'H'), vehicle('tri-1', 'tricycle', 'S1', { shiftEndS: 8 * 3600 + 60 })] });
    const result = await plan(input);
    const s1 = result.unassigned.filter((u) => /^V1/.test(u.villageNodeId));
    expect(s1.length).toBe(7);
    expect(new Set(s1.map((u) => u.reason))).toEqual(new Set(['time_window']));
    expect(
      result.routes
        .flatMap((route) => route.stops)
        .filter((stop) => stop.nodeId === 'S1')
        .every((stop) => stop.shipmentIds.length === 0),
    ).toBe(true);
  });

  it('a fleet out of room after its last trip: no_vehicle; a trip that would end after the shift: time_window', async () => {
    const capacity = { weightG: 1_000_000, volumeCm3: 6_000_000, parcels: 10 };
    const full = ['V21', 'V22', 'V23', 'V12'].map((village) => shipment(`full-${village}`, village, { parcelCount: 10 }));
    const plenty = await plan(fixtureInput({ vehicles: [vehicle('van-1', 'van', 'H', { capacity })], shipments: full }));
    expect(plenty.plannedShipmentIds).toHaveLength(MAX_TRIPS);
    expect(plenty.unassigned).toEqual([expect.objectContaining({ reason: 'no_vehicle', echelon: 'trunk' })]);

    // About 45 minutes a trip: a 50-minute shift leaves no time for a second one.
    const short = await plan(fixtureInput({ vehicles: [vehicle('van-1', 'van', 'H', { capacity, shiftEndS: 8 * 3600 + 3_000 })], shipments: full.slice(0, 2) }));
    expect(short.plannedShipmentIds).toHaveLength(1);
    expect(short.unassigned).toEqual([expect.objectContaining({ reason: 'time_window', echelon: 'trunk' })]);
  });

  it('sends a hub vehicle out again when one trip cannot carry everything, after it is back and reloaded', async () => {
    const van = vehicle('van-1', 'van', 'H', { capacity: { weightG: 1_000_000, volumeCm3: 6_000_000, parcels: 10 } });
    const input = fixtureInput({
      vehicles: [van, vehicle('tri-1', 'tricycle', 'S1')],
      shipments: [shipment('full-V21', 'V21', { parcelCount: 10 }), shipment('full-V22', 'V22', { parcelCount: 10 }), shipment('s1-V11', 'V11', { parcelCount: 6 })],
    });
    const result = await plan(input);
    expect(result.unassigned).toEqual([]);
    const vanTrips = result.routes.filter((route) => route.vehicleId === 'van-1');
    expect(vanTrips.length).toBeGreaterThanOrEqual(2);
    for (let trip = 1; trip < vanTrips.length; trip++) expect(vanTrips[trip]!.departureS).toBeGreaterThanOrEqual(vanTrips[trip - 1]!.returnS + 300);
    expect(result.statistics.map((run) => run.name).filter((name) => name.startsWith('trunk'))).toEqual(vanTrips.map((_, i) => (i === 0 ? 'trunk' : `trunk:trip${i + 1}`)));
    // The tricycle waits for the trip that drops S1's parcels.
    const drop = vanTrips.flatMap((route) => route.stops).find((stop) => stop.nodeId === 'S1')!;
    expect(result.routes.find((route) => route.vehicleId === 'tri-1')!.departureS).toBeGreaterThanOrEqual(drop.departureS);
    expect(result.totals.vehiclesUsed).toBe(2);
  });

  it('sends a station vehicle out again from the station when its villages need more than one load', async () => {
    const tricycle = vehicle('tri-1', 'tricycle', 'S1', { capacity: { weightG: 300_000, volumeCm3: 1_500_000, parcels: 5 } });
    const result = await plan(fixtureInput({ vehicles: [vehicle('van-1', 'van', 'H'), tricycle] }));
    expect(result.unassigned).toEqual([]);
    const trips = result.routes.filter((route) => route.vehicleId === 'tri-1');
    expect(trips.length).toBeGreaterThanOrEqual(2);
    for (const trip of trips) expect(trip.peakLoad.parcels).toBeLessThanOrEqual(5);
    for (let k = 1; k < trips.length; k++) expect(trips[k]!.departureS).toBeGreaterThanOrEqual(trips[k - 1]!.returnS + 300);
    expect(trips.slice(1).every((trip) => trip.echelon === 'last_mile' && trip.startNodeId === 'S1')).toBe(true);
  });

  it('no hub vehicle: everything stays open with no_vehicle', async () => {
    const result = await plan(fixtureInput({ vehicles: [vehicle('tri-1', 'tricycle', 'S1')] }));
    expect(result.routes).toEqual([]);
    expect(new Set(result.unassigned.map((u) => u.reason))).toEqual(new Set(['no_vehicle']));
  });
});

describe('the engine', () => {
  it("plans with the product's engine: every run of the fixture's plan has that engine's iteration budget", async () => {
    const result = await plan(fixtureInput());
    expect(result.statistics.length).toBeGreaterThan(0);
    const depotRuns = result.statistics.filter((run) => !isStationRoundRun(run));
    expect(depotRuns.length).toBeGreaterThan(0);
    for (const run of depotRuns) expect(run.maxIterations).toBe(iterationBudget(run.jobs, PLANNER_ENGINE));
  });
});

describe('iterationBudget', () => {
  it('grows with the job count and is capped', () => {
    expect(iterationBudget(0)).toBe(1_000);
    expect(iterationBudget(10)).toBe(3_000);
    expect(iterationBudget(10_000)).toBe(20_000);
    expect(iterationBudget(10, 'hgs')).toBe(150);
    expect(iterationBudget(10_000, 'hgs')).toBe(1_000);
  });
});

describe('planWave and an infeasible solver answer', () => {
  it('refuses a solution the solver flags infeasible instead of reading its routes as a plan', async () => {
    const flaggedInfeasible: SolveFunction = async (problem, options) => ({ ...solve(problem, options), feasible: false });
    const planning = planWave(fixtureInput(), { matrices: gridMatrices(), solve: flaggedInfeasible });
    await expect(planning).rejects.toThrow(InfeasibleSolutionError);
    await expect(planning).rejects.toThrow(/solution for trunk breaks a hard constraint/);
  });
});
