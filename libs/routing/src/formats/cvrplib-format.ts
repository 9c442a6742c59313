import { Solution } from '../model/problem';
import { CvrplibInstance, parseCvrplib } from '../parsers/cvrplib';
import { solveAsync } from '../solve';
import { registerFormat, InstanceFormat, summarizeRun } from './format';
import { routesToCvrplibText, solutionToJson, usedVehicles } from './solution-text';

/** CVRPLIB `.vrp` (TSPLIB header, EUC_2D): capacitated VRP, distance objective, unlimited fleet. */
export const cvrplibFormat: InstanceFormat<CvrplibInstance, Solution> = {
  id: 'cvrplib',
  description: 'CVRPLIB / TSPLIB .vrp (CVRP, EUC_2D)',
  detect(text, fileName) {
    const head = text.slice(0, 4000);
    if (/NODE_COORD_SECTION/.test(head) && /CAPACITY\s*:/.test(head) && !/SATELLITE|L1CAPACITY|L2CAPACITY/i.test(head)) return 2;
    return /\.vrp$/i.test(fileName) ? 1 : 0;
  },
  parse: (text) => parseCvrplib(text),
  describe: (instance) => ({ name: instance.name, size: instance.problem.jobs.length }),
  solve: (instance, options) => solveAsync(instance.problem, options),
  summarize: (_instance, solution) => summarizeRun(solution, solution.distanceM, usedVehicles(solution)),
  toCvrplibText: (_instance, solution) => routesToCvrplibText(solution, String(solution.distanceM)),
  toJson: (instance, solution) => solutionToJson(instance.problem, solution),
};

registerFormat(cvrplibFormat);
