export { solveWithAlns } from './solve-alns';
export { checkRoute } from './route-checker';
export type { TaskVisit, CheckedRoute } from './route-checker';
