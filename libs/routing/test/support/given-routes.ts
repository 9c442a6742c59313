import { GivenRoute, RouteVisit, Solution } from '../../src/model/problem';

/** The solver's routes as a caller would hand them back: vehicle and visits (reloads included), nothing else. */
export function givenRoutes(solution: Pick<Solution, 'routes'>): GivenRoute[] {
  return solution.routes.map((route) => ({
    vehicleId: route.vehicleId,
    visits: route.steps.flatMap((step): RouteVisit[] => {
      if (step.type === 'reload') return [{ reloadLocation: step.location }];
      if (step.id === undefined) return [];
      return [step.type === 'job' ? { jobId: step.id } : { shipmentId: step.id, end: step.type as 'pickup' | 'delivery' }];
    }),
  }));
}
