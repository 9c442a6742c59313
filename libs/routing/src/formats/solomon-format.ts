import { Solution } from '../model/problem';
import { parseSolomon, SolomonInstance } from '../parsers/solomon';
import { solveAsync } from '../solve';
import { registerFormat, InstanceFormat, summarizeRun } from './format';
import { routesToCvrplibText, solutionToJson, usedVehicles } from './solution-text';

/**
 * Real-valued Euclidean length of the solution, recomputed from the coordinates: the integer
 * matrices round each arc to 1/1000, which could drift past the verifier's 0.01 tolerance.
 */
export function solomonDistance(instance: SolomonInstance, solution: Solution): number {
  const xy = instance.coordinates;
  let total = 0;
  for (const route of solution.routes) {
    let previous = -1;
    for (const step of route.steps) {
      if (previous >= 0 && step.location !== previous) {
        total += Math.hypot(xy[previous][0] - xy[step.location][0], xy[previous][1] - xy[step.location][1]);
      }
      previous = step.location;
    }
  }
  return total;
}

/** Solomon / Gehring-Homberger VRPTW text files: vehicles first, then distance. */
export const solomonFormat: InstanceFormat<SolomonInstance, Solution> = {
  id: 'solomon',
  description: 'Solomon / Gehring-Homberger VRPTW (.txt)',
  detect(text) {
    const head = text.slice(0, 2000);
    return /NUMBER\s+CAPACITY/i.test(head) && /CUST\s*(NO|OMER)/i.test(head) ? 3 : 0;
  },
  parse: (text) => parseSolomon(text),
  describe: (instance) => ({ name: instance.name, size: instance.problem.jobs.length }),
  solve: (instance, options) => solveAsync(instance.problem, options),
  summarize: (instance, solution) => summarizeRun(solution, Math.round(solomonDistance(instance, solution) * 100) / 100, usedVehicles(solution)),
  toCvrplibText: (instance, solution) => routesToCvrplibText(solution, solomonDistance(instance, solution).toFixed(3)),
  toJson: (instance, solution) => ({ ...(solutionToJson(instance.problem, solution) as object), distance: solomonDistance(instance, solution) }),
};

registerFormat(solomonFormat);
