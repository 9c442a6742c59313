import { Solution } from '../model/problem';
import { LiLimInstance, parseLiLim } from '../parsers/lilim';
import { solveAsync } from '../solve';
import { InstanceFormat, registerFormat, summarizeRun } from './format';
import { solutionToJson, usedVehicles } from './solution-text';

/**
 * Real-valued length of the solution recomputed from the coordinates, in the verifier's unit
 * (distance / speed): the scaled integer matrix rounds every arc, which could drift past 0.01.
 */
export function liLimDistance(instance: LiLimInstance, solution: Solution): number {
  const xy = instance.coordinates;
  let total = 0;
  for (const route of solution.routes) {
    for (let k = 1; k < route.steps.length; k++) {
      const from = route.steps[k - 1].location;
      const to = route.steps[k].location;
      total += Math.hypot(xy[from][0] - xy[to][0], xy[from][1] - xy[to][1]) / instance.speed;
    }
  }
  return total;
}

/** `Route #k:` lines with the file's task numbers (pickups and deliveries in visiting order), then `Cost`. */
export function liLimSolutionText(instance: LiLimInstance, solution: Solution): string {
  const lines: string[] = [];
  for (const route of solution.routes) {
    const tasks = route.steps.filter((step) => step.type === 'pickup' || step.type === 'delivery').map((step) => instance.taskNumbers[step.location]);
    if (tasks.length > 0) lines.push(`Route #${lines.length + 1}: ${tasks.join(' ')}`);
  }
  lines.push(`Cost ${liLimDistance(instance, solution).toFixed(3)}`);
  return lines.join('\n') + '\n';
}

/** Li & Lim PDPTW text files: hierarchical objective, vehicles first, then real Euclidean distance. */
export const liLimFormat: InstanceFormat<LiLimInstance, Solution> = {
  id: 'lilim',
  description: 'Li & Lim PDPTW (.txt: "vehicles capacity speed" then 9-field task rows)',
  detect(text) {
    const lines = text
      .trim()
      .split(/\r?\n/, 3)
      .map((line) => line.trim().split(/\s+/));
    if (lines.length < 2 || lines[0].length !== 3 || !lines[0].every((x) => /^\d+(\.\d+)?$/.test(x))) return 0;
    return lines[1].length === 9 ? 3 : 0;
  },
  parse: (text, fileName) => parseLiLim(text, fileName),
  describe: (instance) => ({ name: instance.name, size: 2 * instance.problem.shipments.length }),
  solve: (instance, options) => solveAsync(instance.problem, options),
  summarize: (instance, solution) => summarizeRun(solution, Math.round(liLimDistance(instance, solution) * 100) / 100, usedVehicles(solution)),
  toCvrplibText: (instance, solution) => liLimSolutionText(instance, solution),
  toJson: (instance, solution) => ({ ...(solutionToJson(instance.problem, solution) as object), distance: liLimDistance(instance, solution) }),
};

registerFormat(liLimFormat);
