// The two-echelon (county hub → township satellites → villages) solver's public surface.
export * from './two-echelon-problem';
export { checkTwoEchelonSolution } from './two-echelon-checker';
export type { TwoEchelonCheckInput, TwoEchelonCheckResult } from './two-echelon-checker';
export { solveTwoEchelon, DEFAULT_MAX_ITERATIONS } from './two-echelon-solver';
export { euclideanDistanceMatrix, validateTwoEchelonProblem } from './two-echelon-validation';
export type { TwoEchelonCoordinates } from './two-echelon-validation';
export { BENCHMARK_DISTANCE_SCALE } from './two-echelon-instance';
export type { TwoEchelonInstance } from './two-echelon-instance';
export { parseTwoEchelonSolutionText, twoEchelonSolutionToJson, twoEchelonSolutionToText } from './two-echelon-solution-text';
