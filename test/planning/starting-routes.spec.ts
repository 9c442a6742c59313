import { priceRoutes, solve } from '@rural-dispatch/routing';
import type { Problem } from '@rural-dispatch/routing';
import { buildDepotProblem, DepotProblemSpec, depotProblemNodeIds } from '../../src/planning/planner/depot-problem';
import { initialRoutesFor, initialRoutesOption, startingRoutesStatistic } from '../../src/planning/planner/starting-routes';
import { planWave } from '../../src/planning/planner/wave-planner';
import { isStationRoundRun } from '../../src/planning/planner/station-round';
import type { NodeMatrix, SolveFunction, StartingRoute, WavePlan } from '../../src/planning/planner/wave-model';
import { packTasks } from '../../src/planning/planner/wave-tasks';
import { readStartingRoutes } from '../../src/planning/replan-starting-routes';
import { fixtureInput, fixtureNodes, gridMatrices, shipment, vehicle } from './support/wave-fixture';

const CHUNK = { weightG: 10_000, volumeCm3: 1_000_000, parcels: 100 };

/** The last mile of station S1 with two tricycles: deliveries at V11 (two tasks: 12 kg against a 10 kg chunk), V12 and V13, a pickup at V12. */
async function s1Problem(startingRoutes?: StartingRoute[]): Promise<{ spec: DepotProblemSpec; problem: Problem }> {
  const tasks = [
    ...packTasks('delivery', 'V11', 'village', [shipment('a', 'V11', { weightG: 6_000 }), shipment('b', 'V11', { weightG: 6_000 })], CHUNK),
    ...packTasks('delivery', 'V12', 'village', [shipment('c', 'V12')], CHUNK),
    ...packTasks('pickup', 'V12', 'village', [shipment('p', 'V12', { direction: 'pickup' })], CHUNK),
    ...packTasks('delivery', 'V13', 'village', [shipment('d', 'V13'), shipment('e', 'V13')], CHUNK),
  ];
  const spec: DepotProblemSpec = {
    name: 'last_mile:S1',
    serviceDate: '2026-11-30',
    depotNodeId: 'S1',
    vehicles: [vehicle('tri-1', 'tricycle', 'S1'), vehicle('tri-2', 'tricycle', 'S1')],
    tasks,
    nodesById: new Map(fixtureNodes().map((node) => [node.id, node])),
    ...(startingRoutes ? { startingRoutes } : {}),
  };
  const matrix: NodeMatrix = await gridMatrices()(depotProblemNodeIds(spec), 'tricycle');
  const { problem } = buildDepotProblem(spec, new Map([['tricycle', matrix]]));
  return { spec, problem: problem! };
}

describe('initialRoutesFor: a replan starts from the routes it replaces, matched by shipment', () => {
  it('gives each vehicle its old route as the jobs in the order of the first stop holding one of their shipments', async () => {
    const { spec, problem } = await s1Problem([
      { vehicleId: 'tri-1', stops: [['d'], ['c', 'p'], ['a']] },
      { vehicleId: 'tri-2', stops: [['b'], ['e']] },
    ]);
    // V13's shipments d and e are one task now: it stays where d was, on tri-1, and not again on tri-2.
    expect(initialRoutesFor(problem, spec)).toEqual([
      {
        vehicleId: 'tri-1',
        visits: [{ jobId: 'village:delivery:V13:1' }, { jobId: 'village:delivery:V12:1' }, { jobId: 'village:pickup:V12:1' }, { jobId: 'village:delivery:V11:1' }],
      },
      { vehicleId: 'tri-2', visits: [{ jobId: 'village:delivery:V11:2' }] },
    ]);
  });

  it('takes, of a vehicle with several trips, the one sharing most shipments with the problem', async () => {
    const { spec, problem } = await s1Problem([
      { vehicleId: 'tri-1', stops: [['x'], ['c']] },
      { vehicleId: 'tri-1', stops: [['d', 'e'], ['y']] },
    ]);
    expect(initialRoutesFor(problem, spec)).toEqual([{ vehicleId: 'tri-1', visits: [{ jobId: 'village:delivery:V13:1' }] }]);
  });

  it('leaves out what the problem does not hold: other vehicles, shipments gone, routes with nothing left', async () => {
    const { spec, problem } = await s1Problem([
      { vehicleId: 'van-1', stops: [['a'], ['c']] },
      { vehicleId: 'tri-2', stops: [['gone'], []] },
    ]);
    expect(initialRoutesFor(problem, spec)).toEqual([]);
    expect(initialRoutesOption(problem, spec)).toEqual({});
    expect(initialRoutesOption(problem, { tasks: spec.tasks })).toEqual({});
  });

  it('counts the routes a replan started from in its statistics, and nothing on a first plan', async () => {
    const replan = await s1Problem([{ vehicleId: 'tri-2', stops: [['c']] }]);
    const first = await s1Problem();
    const built = (spec: DepotProblemSpec, problem: Problem) => ({ spec, problem, nodeIds: [], tasksById: new Map(), excluded: [], companions: new Set<string>() });
    expect(startingRoutesStatistic(built(replan.spec, replan.problem))).toEqual({ startingRoutes: 1 });
    expect(startingRoutesStatistic(built(first.spec, first.problem))).toEqual({});
  });

  it('gives the solver a start it accepts, and the solve returns a feasible plan no dearer than the start', async () => {
    const { spec, problem } = await s1Problem([
      {
        vehicleId: 'tri-1',
        stops: [
          ['a', 'b'],
          ['c', 'p'],
        ],
      },
      { vehicleId: 'tri-2', stops: [['d', 'e']] },
    ]);
    const option = initialRoutesOption(problem, spec);
    // It covers every job and breaks no rule, so the search's best can only be as cheap or cheaper.
    const start = priceRoutes(problem, option.initialRoutes!);
    expect(start.feasible).toBe(true);
    const warm = solve(problem, { seed: 3, maxIterations: 300, timeLimitMs: 600_000, engine: 'alns', ...option });
    expect(warm.feasible).toBe(true);
    expect(warm.unassigned).toEqual([]);
    expect(warm.cost).toBeLessThanOrEqual(start.cost);
  });
});

describe('planWave replanned from its own routes', () => {
  const solveHere: SolveFunction = async (problem, options) => solve(problem, options);
  const plan = (startingRoutes?: StartingRoute[]) => planWave(fixtureInput({ startingRoutes }), { matrices: gridMatrices(), solve: solveHere });
  const startingRoutesOf = (wave: WavePlan): StartingRoute[] => wave.routes.map((route) => ({ vehicleId: route.vehicleId, stops: route.stops.map((stop) => stop.shipmentIds) }));
  let first: WavePlan;
  let replan: WavePlan;
  beforeAll(async () => {
    first = await plan();
    replan = await plan(startingRoutesOf(first));
  });

  it('starts every run from the old routes and costs no more, with the same seed', () => {
    expect(first.statistics.every((run) => run.startingRoutes === undefined)).toBe(true);
    // A station's must-go round (it only bounds the trunk's drop) starts afresh.
    const depotRuns = (plan: WavePlan) => plan.statistics.filter((run) => !isStationRoundRun(run));
    expect(replan.statistics.some(isStationRoundRun)).toBe(true);
    expect(depotRuns(replan).map((run) => run.startingRoutes)).toEqual(depotRuns(first).map((run) => run.routes));
    expect(replan.totals.costFen).toBeLessThanOrEqual(first.totals.costFen);
    expect(replan.plannedShipmentIds).toEqual(first.plannedShipmentIds);
  });
});

describe('readStartingRoutes: the stored column as the planner takes it', () => {
  it('keeps well-formed routes and leaves out any other shape', () => {
    const good = { vehicleId: 'tri-1', stops: [['a', 'b'], []] };
    expect(readStartingRoutes([good, { vehicleId: 7, stops: [] }, { vehicleId: 'tri-2', stops: [['a', 3]] }, { vehicleId: 'tri-3' }, null, 'x'])).toEqual([good]);
    expect(readStartingRoutes(null)).toBeUndefined();
    expect(readStartingRoutes({ vehicleId: 'tri-1', stops: [] })).toBeUndefined();
  });
});
