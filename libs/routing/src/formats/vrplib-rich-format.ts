import { Solution } from '../model/problem';
import { parseVrplibRich, RICH_VARIANTS, RichVrplibInstance } from '../parsers/vrplib-rich';
import { solveAsync } from '../solve';
import { InstanceFormat, registerFormat, summarizeRun } from './format';
import { solutionToJson, usedVehicles } from './solution-text';
import { checkRichSolution, readRouteList, RouteListSolution } from './vrplib-rich-checker';

/**
 * The route list the `.sol` files use: route k is vehicle k (empty routes kept, since the vehicle
 * decides the price under a mixed fleet), clients by number, `0` for a reload at the depot.
 */
export function toRouteList(instance: RichVrplibInstance, solution: Solution): RouteListSolution {
  const vehicleIndex = new Map(instance.problem.vehicles.map((v, k) => [v.id, k]));
  const routes: number[][] = [];
  for (const route of solution.routes) {
    const k = vehicleIndex.get(route.vehicleId)!;
    const stops = route.steps.filter((s) => s.type === 'job' || s.type === 'reload').map((s) => (s.type === 'reload' ? 0 : Number(s.id)));
    if (stops.length === 0) continue;
    while (routes.length <= k) routes.push([]);
    routes[k] = stops;
  }
  return { routes, printedCost: null };
}

/** The solution's cost in the benchmark's printed unit (HFVRP to the cent), recomputed by the independent checker. */
function benchmarkCost(instance: RichVrplibInstance, solution: Solution): number {
  const cost = checkRichSolution(instance.text, toRouteList(instance, solution)).cost;
  return instance.variant === 'HFVRP' ? Math.round(cost * 100) / 100 : cost;
}

function costText(instance: RichVrplibInstance, cost: number): string {
  return instance.variant === 'HFVRP' ? cost.toFixed(2) : String(cost);
}

/** PyVRP's VRPLIB dialect: mixed fleet, backhauls, multi-trip with release times, prize-collecting. */
export const vrplibRichFormat: InstanceFormat<RichVrplibInstance, Solution> = {
  id: 'vrplib-rich',
  description: `PyVRP VRPLIB dialect (.vrp, TYPE ${RICH_VARIANTS.join(' | ')})`,
  detect(text) {
    const type = text.slice(0, 4000).match(/^\s*TYPE\s*:\s*(\S+)/m);
    return type && (RICH_VARIANTS as readonly string[]).includes(type[1]) ? 3 : 0;
  },
  parse: (text) => parseVrplibRich(text),
  describe: (instance) => ({ name: instance.name, size: instance.problem.jobs.length }),
  solve: (instance, options) => solveAsync(instance.problem, options),
  summarize: (instance, solution) => summarizeRun(solution, benchmarkCost(instance, solution), usedVehicles(solution)),
  toCvrplibText(instance, solution) {
    const lines = toRouteList(instance, solution).routes.map((stops, k) => `Route #${k + 1}: ${stops.join(' ')}`.trimEnd());
    lines.push(`Cost: ${costText(instance, benchmarkCost(instance, solution))}`);
    return lines.join('\n') + '\n';
  },
  toJson: (instance, solution) => ({ ...(solutionToJson(instance.problem, solution) as object), variant: instance.variant, benchmarkCost: benchmarkCost(instance, solution) }),
  verify(instanceText, solutionText) {
    const check = checkRichSolution(instanceText, readRouteList(solutionText));
    return { feasible: check.feasible, cost: check.cost, message: check.feasible ? `feasible, cost ${check.cost}` : check.violations.slice(0, 3).join('; ') };
  },
};

registerFormat(vrplibRichFormat);
