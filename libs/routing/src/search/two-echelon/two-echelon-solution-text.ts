import { InvalidProblemError } from '../../model/problem';
import { TwoEchelonCheckInput } from './two-echelon-checker';
import { TwoEchelonProblem, TwoEchelonSolution } from './two-echelon-problem';

/**
 * The CVRPLIB-like text of a 2E-CVRP solution. Satellites are `S1..Sk` and customers `1..n` in the
 * order of the instance file (the k-th customer row), so the text reads back without the solver:
 *
 *   First-level route #1: S1(11000) S2(4000)      (truck drops, in visit order, from the depot)
 *   Second-level route #1: S1: 5 3 2              (from satellite S1, customers in order, back to S1)
 *   Cost 417.07                                   (real total cost, 2 decimals)
 */
export function twoEchelonSolutionToText(problem: TwoEchelonProblem, solution: TwoEchelonSolution): string {
  const lines: string[] = [];
  solution.firstLevelRoutes.forEach((route, k) => {
    lines.push(`First-level route #${k + 1}: ${route.stops.map((s) => `S${s.satellite + 1}(${s.quantity})`).join(' ')}`);
  });
  solution.secondLevelRoutes.forEach((route, k) => {
    lines.push(`Second-level route #${k + 1}: S${route.satellite + 1}: ${route.customers.map((c) => c + 1).join(' ')}`);
  });
  lines.push(`Cost ${(solution.cost / problem.distanceScale).toFixed(2)}`);
  return lines.join('\n') + '\n';
}

/** Reads the text above back into checker input plus the printed real cost; bad lines name the line. */
export function parseTwoEchelonSolutionText(text: string): TwoEchelonCheckInput & { printedCost: number } {
  const firstLevelRoutes: TwoEchelonCheckInput['firstLevelRoutes'][number][] = [];
  const secondLevelRoutes: TwoEchelonCheckInput['secondLevelRoutes'][number][] = [];
  let printedCost = NaN;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const where = `line ${index + 1}`;
    if (!line) return;
    let match = line.match(/^First-level route #\d+:\s*(.*)$/i);
    if (match) {
      const stops = match[1]
        .split(/\s+/)
        .filter(Boolean)
        .map((token) => {
          const stop = token.match(/^S(\d+)\((\d+)\)$/);
          if (!stop) throw new InvalidProblemError(`first-level stop "${token}" is not S<k>(<quantity>)`, where);
          return { satellite: Number(stop[1]) - 1, quantity: Number(stop[2]) };
        });
      firstLevelRoutes.push({ stops });
      return;
    }
    match = line.match(/^Second-level route #\d+:\s*S(\d+):\s*(.*)$/i);
    if (match) {
      const customers = match[2]
        .split(/\s+/)
        .filter(Boolean)
        .map((token) => {
          if (!/^\d+$/.test(token)) throw new InvalidProblemError(`customer "${token}" is not a number`, where);
          return Number(token) - 1;
        });
      secondLevelRoutes.push({ satellite: Number(match[1]) - 1, customers });
      return;
    }
    match = line.match(/^Cost\s+(\S+)$/i);
    if (match && Number.isFinite(Number(match[1]))) {
      printedCost = Number(match[1]);
      return;
    }
    throw new InvalidProblemError(`cannot read "${line}"`, where);
  });
  if (!Number.isFinite(printedCost)) throw new InvalidProblemError('missing "Cost N" line', 'solution');
  return { firstLevelRoutes, secondLevelRoutes, printedCost };
}

/** JSON view: both levels with per-route distance and cost in real units, plus totals and statistics. */
export function twoEchelonSolutionToJson(problem: TwoEchelonProblem, solution: TwoEchelonSolution): unknown {
  const real = (value: number): number => Math.round((value / problem.distanceScale) * 100) / 100;
  return {
    name: problem.name,
    distanceScale: problem.distanceScale,
    cost: real(solution.cost),
    firstLevelCost: real(solution.firstLevelCost),
    secondLevelCost: real(solution.secondLevelCost),
    handlingCost: real(solution.handlingCost),
    feasible: solution.feasible,
    violations: solution.violations,
    satelliteLoads: solution.satelliteLoads.map((load, s) => ({ satellite: problem.satellites[s].id, load })),
    firstLevelRoutes: solution.firstLevelRoutes.map((route) => ({
      stops: route.stops.map((stop) => ({ satellite: problem.satellites[stop.satellite].id, quantity: stop.quantity })),
      distance: real(route.distance),
      cost: real(route.cost),
    })),
    secondLevelRoutes: solution.secondLevelRoutes.map((route) => ({
      satellite: problem.satellites[route.satellite].id,
      customers: route.customers.map((c) => problem.customers[c].id),
      load: route.load,
      distance: real(route.distance),
      cost: real(route.cost),
    })),
    statistics: solution.statistics,
  };
}
