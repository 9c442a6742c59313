import { Problem, Solution } from '../model/problem';

/**
 * CVRPLIB-style text for a plain `Problem` solution: one `Route #k:` line per non-empty route with
 * the job ids (which our parsers set to the file's customer numbers), `0` for a reload between two
 * trips, then `Cost <costText>`.
 */
export function routesToCvrplibText(solution: Solution, costText: string): string {
  const lines: string[] = [];
  let k = 0;
  for (const route of solution.routes) {
    // A reload between two trips is written as the depot, 0, as in PyVRP's route lists.
    const ids = route.steps.filter((s) => s.id !== undefined || s.type === 'reload').map((s) => s.id ?? '0');
    if (ids.length === 0) continue;
    k++;
    lines.push(`Route #${k}: ${ids.join(' ')}`);
  }
  lines.push(`Cost ${costText}`);
  return lines.join('\n') + '\n';
}

/** Non-empty routes. */
export function usedVehicles(solution: Solution): number {
  return solution.routes.filter((r) => r.steps.some((s) => s.id !== undefined)).length;
}

/** The JSON view printed by `solve --format json`: routes with steps, plus totals and statistics. */
export function solutionToJson(problem: Problem, solution: Solution): unknown {
  const scale = problem.distanceScale ?? 1;
  return {
    name: problem.name,
    objective: problem.objective,
    distanceScale: scale,
    cost: solution.cost,
    distanceM: solution.distanceM,
    durationS: solution.durationS,
    feasible: solution.feasible,
    vehicles: usedVehicles(solution),
    routes: solution.routes.map((route) => ({
      vehicleId: route.vehicleId,
      distanceM: route.distanceM,
      durationS: route.durationS,
      costFen: route.costFen,
      steps: route.steps,
    })),
    unassigned: solution.unassigned,
    statistics: { ...solution.statistics, trajectory: solution.statistics.trajectory.slice(-50) },
  };
}
