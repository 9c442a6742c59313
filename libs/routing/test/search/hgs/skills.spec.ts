import { priceRoutes } from '../../../src/evaluation/route-pricing';
import { Problem, Solution } from '../../../src/model/problem';
import { Random } from '../../../src/random';
import { whyNotHgsShaped } from '../../../src/search/hgs/hgs-shape';
import { skillsAsCapacity } from '../../../src/search/hgs/skills-as-capacity';
import { solve } from '../../../src/solve';
import { planeProblem, randomMixedFleetProblem, randomRichProblem, withSkills } from './fixtures';

/**
 * Two clients, j1 at (3000, 0) needing 'cold' and j2 at (0, 4000); three vehicles at 100 fen/km
 * (0.1 fen/m): v0 and v2 without the skill and no fixed cost, v1 refrigerated at a fixed 500.
 */
function coldChain(): Problem {
  const problem = planeProblem(
    [0, 0],
    [
      { x: 3000, y: 0, demand: 1 },
      { x: 0, y: 4000, demand: 1 },
    ],
    { capacity: 10, vehicles: 3 },
  );
  problem.objective = 'cost';
  problem.vehicles = problem.vehicles.map((v, k) => ({ ...v, costPerKmFen: 100, fixedCostFen: k === 1 ? 500 : 0, skills: k === 1 ? ['cold'] : [] }));
  problem.jobs[0].skills = ['cold'];
  return problem;
}

function jobsOn(solution: Solution): Record<string, string[]> {
  return Object.fromEntries(solution.routes.map((r) => [r.vehicleId, r.steps.filter((s) => s.type === 'job').map((s) => s.id!)]));
}

describe('HGS with skills', () => {
  it('leaves a problem whose jobs ask for no skill untouched, and takes skills otherwise', () => {
    const plain = planeProblem([0, 0], [{ x: 1, y: 0, demand: 1 }], { capacity: 1 });
    plain.vehicles[0].skills = ['cold'];
    expect(skillsAsCapacity(plain)).toBe(plain);
    // A skill every vehicle has binds nothing: no dimension either.
    plain.jobs[0].skills = ['cold'];
    expect(skillsAsCapacity(plain)).toBe(plain);
    expect(whyNotHgsShaped(coldChain())).toBeNull();
  });

  it('adds one dimension per set of vehicles holding skills: 1 unit per job needing one, every such job on a holder, none elsewhere', () => {
    const problem = coldChain();
    problem.jobs.push({ ...problem.jobs[1], id: 'j3', skills: ['frozen', 'cold'] }, { ...problem.jobs[1], id: 'j4', skills: ['lift'] });
    problem.vehicles[1].skills = ['cold', 'frozen'];
    problem.vehicles[2].skills = ['lift'];
    const shaped = skillsAsCapacity(problem);
    // Dimensions: [vehicle 1] (cold and frozen share it), [vehicle 2] (lift).
    expect(shaped.vehicles.map((v) => v.capacity)).toEqual([
      [10, 0, 0],
      [10, 2, 0],
      [10, 0, 1],
    ]);
    expect(shaped.jobs.map((j) => j.amount)).toEqual([
      [1, 1, 0],
      [1, 0, 0],
      [1, 1, 0],
      [1, 0, 1],
    ]);
  });

  it('takes skills that split the fleet under a vehicles-first objective: one vehicle, the refrigerated one, drives both jobs', () => {
    const split = coldChain();
    split.objective = 'vehicles-then-distance';
    expect(whyNotHgsShaped(split)).toBeNull();
    // 3000 + 5000 + 4000 m on v1, the one vehicle that may carry j1.
    const solution = solve(split, { seed: 1, maxIterations: 50 });
    expect(solution.feasible).toBe(true);
    expect(jobsOn(solution)).toEqual({ v1: ['j1', 'j2'] });
    expect(solution.distanceM).toBe(12000);
  });

  it('puts the refrigerated job on the one vehicle with the skill, though the others are cheaper (hand-checked optimum)', () => {
    // Both on v1: 500 + 0.1 x (3000 + 5000 + 4000) = 1700; j1 on v1 and j2 on v0: 500 + 600 + 800 = 1900.
    // Without the skill both would ride v0 for 1200.
    const solution = solve(coldChain(), { seed: 1, maxIterations: 50 });
    expect(solution.feasible).toBe(true);
    expect(solution.cost).toBe(1700);
    expect(jobsOn(solution)).toEqual({ v1: ['j1', 'j2'] });
    // Loads come back in the problem's own dimensions only.
    for (const step of solution.routes[0].steps) expect(step.load).toHaveLength(1);
  });

  it('leaves out a job no vehicle has the skills for, as ALNS does: optional at its penalty, mandatory making the plan infeasible', () => {
    const optional = coldChain();
    optional.jobs[1].skills = ['lift'];
    optional.jobs[1].unassignedPenaltyFen = 10_000;
    const left = solve(optional, { seed: 1, maxIterations: 50 });
    expect(left.unassigned).toEqual([{ id: 'j2', reason: 'skills' }]);
    expect(left.feasible).toBe(true);
    expect(left.cost).toBe(500 + 600 + 10_000);

    const mandatory = coldChain();
    mandatory.jobs[1].skills = ['lift'];
    const hgs = solve(mandatory, { seed: 1, maxIterations: 50 });
    const alns = solve(mandatory, { seed: 1, maxIterations: 50, engine: 'alns' });
    expect(hgs.unassigned).toEqual([{ id: 'j2', reason: 'skills' }]);
    expect(hgs.feasible).toBe(false);
    expect(alns.unassigned).toEqual(hgs.unassigned);
    expect(alns.feasible).toBe(false);
  });

  it.each([
    { name: 'mixed fleet, every other trial with mandatory jobs', seed: 3, mandatoryTrials: true, make: (random: Random) => randomMixedFleetProblem(random, 20, true) },
    // Optional jobs only: windows, shifts and duration limits may leave a job that fits no vehicle.
    { name: "the planner's model (pickups, three dimensions)", seed: 5, mandatoryTrials: false, make: (random: Random) => randomRichProblem(random, 12) },
  ])('returns routes that priceRoutes finds without a skills violation on random skill problems ($name)', ({ seed, mandatoryTrials, make }) => {
    const random = new Random(seed);
    let routed = 0;
    for (let trial = 0; trial < 2; trial++) {
      const problem = withSkills(random, make(random));
      // Twice the fleet, so every job fits somewhere.
      problem.vehicles = [...problem.vehicles, ...problem.vehicles].map((v, k) => ({ ...v, id: `v${k}` }));
      const optional = !mandatoryTrials || trial % 2 === 1;
      if (optional) for (const job of problem.jobs) job.unassignedPenaltyFen = 5_000;
      expect(whyNotHgsShaped(problem)).toBeNull();
      const solution = solve(problem, { seed: 7, maxIterations: 20 });
      const priced = priceRoutes(
        problem,
        solution.routes.map((r) => ({ vehicleId: r.vehicleId, visits: r.steps.filter((s) => s.type === 'job').map((s) => ({ jobId: s.id! })) })),
      );
      // An infeasible plan (a mandatory job that fits nowhere) is reported as such; a feasible one breaks nothing.
      if (optional) expect(solution.feasible).toBe(true);
      if (solution.feasible) expect(priced.routes.flatMap((r) => r.violations)).toEqual([]);
      for (const route of solution.routes) for (const step of route.steps) expect(step.load).toHaveLength(problem.vehicles[0].capacity.length);
      routed += solution.routes.reduce((sum, r) => sum + r.steps.filter((s) => s.type === 'job' && problem.jobs.find((j) => j.id === s.id)!.skills).length, 0);
    }
    // Not vacuous: jobs with skills were routed.
    expect(routed).toBeGreaterThan(10);
  });

  it('gives the same solution for the same seed and iteration limit', () => {
    const problem = withSkills(new Random(9), randomRichProblem(new Random(9), 12));
    const a = solve(problem, { seed: 42, maxIterations: 30 });
    const b = solve(problem, { seed: 42, maxIterations: 30 });
    expect(b.routes).toEqual(a.routes);
    expect(b.unassigned).toEqual(a.unassigned);
    expect(b.cost).toBe(a.cost);
  });
});
