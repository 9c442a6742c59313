/** Public surface of the routing library. */
export * from './model/problem';
export { routeCost, unassignedCost, VEHICLE_WEIGHT } from './evaluation/cost-evaluator';
export { priceRoutes } from './evaluation/route-pricing';
export type { PricedRoute, PricedRoutes, RouteViolation } from './evaluation/route-pricing';
export { solve, solveAsync } from './solve';
export { validateProblem } from './model/validate-problem';
export { isHgsShaped, whyNotHgsShaped } from './search/hgs/hgs-shape';
export { Random, deriveSeed } from './random';
export { parseCvrplib } from './parsers/cvrplib';
export { parseSolomon } from './parsers/solomon';
export { parseVrplibRich } from './parsers/vrplib-rich';
export type { RichVariant, RichVrplibInstance } from './parsers/vrplib-rich';
export { detectFormat, formatById, registeredFormats } from './formats/registry';
export type { AnyInstanceFormat, InstanceFormat, SolutionSummary, VerifyVerdict } from './formats/registry';
export * from './graph';
