import { GivenRoute, Solution } from '../../src/model/problem';

/** The solver's routes as a caller would hand them back: vehicle and visits, nothing else. */
export function givenRoutes(solution: Pick<Solution, 'routes'>): GivenRoute[] {
  return solution.routes.map((route) => ({
    vehicleId: route.vehicleId,
    visits: route.steps
      .filter((step) => step.id !== undefined)
      .map((step) => (step.type === 'job' ? { jobId: step.id! } : { shipmentId: step.id!, end: step.type as 'pickup' | 'delivery' })),
  }));
}
