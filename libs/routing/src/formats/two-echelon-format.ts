import { parseHemmelmayr2ECvrp } from '../parsers/two-echelon-hemmelmayr';
import { parsePerboli2ECvrp } from '../parsers/two-echelon-perboli';
import { checkTwoEchelonSolution } from '../search/two-echelon/two-echelon-checker';
import { TwoEchelonInstance } from '../search/two-echelon/two-echelon-instance';
import { TwoEchelonSolution } from '../search/two-echelon/two-echelon-problem';
import { parseTwoEchelonSolutionText, twoEchelonSolutionToJson, twoEchelonSolutionToText } from '../search/two-echelon/two-echelon-solution-text';
import { solveTwoEchelon } from '../search/two-echelon/two-echelon-solver';
import { InstanceFormat, registerFormat, summarizeRun } from './format';

const isPerboli = (text: string): boolean => /^\s*(SATELLITES|L1CAPACITY)\s*:/m.test(text.slice(0, 4000));
const isHemmelmayr = (text: string): boolean => /^!\s*Trucks\s*:/m.test(text.slice(0, 4000)) && /CityFreighters/i.test(text.slice(0, 4000));

function baseName(fileName: string | undefined): string {
  return (fileName ?? 'two-echelon').replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
}

function parseEither(text: string, fileName?: string): TwoEchelonInstance {
  return isHemmelmayr(text) ? parseHemmelmayr2ECvrp(text, baseName(fileName)) : parsePerboli2ECvrp(text);
}

/**
 * Two-echelon CVRP files: Perboli et al. Sets 2-4 and Hemmelmayr et al. Sets 5-6. Costs are real
 * (Euclidean) in reports and text; the solver works on distances scaled by 10⁴.
 */
export const twoEchelonFormat: InstanceFormat<TwoEchelonInstance, TwoEchelonSolution> = {
  id: '2ecvrp',
  description: 'Two-echelon CVRP (.dat: Perboli Sets 2-4, Hemmelmayr Sets 5-6)',
  detect(text, fileName) {
    if (isPerboli(text) || isHemmelmayr(text)) return 3;
    return /2e|2ecvrp/i.test(fileName) && /\.dat$/i.test(fileName) ? 1 : 0;
  },
  parse: (text, fileName) => parseEither(text, fileName),
  describe: (instance) => ({ name: instance.name, size: instance.problem.customers.length }),
  solve: async (instance, options) =>
    solveTwoEchelon(instance.problem, {
      seed: options.seed,
      maxIterations: options.maxIterations,
      timeLimitMs: options.timeLimitMs,
      clock: options.clock,
      // Progress in the benchmark's real cost, like every report of this format.
      onProgress: options.onProgress && ((event) => options.onProgress!({ ms: event.ms, cost: event.cost / instance.problem.distanceScale })),
    }),
  summarize: (instance, solution) => summarizeRun(solution, solution.cost / instance.problem.distanceScale, solution.firstLevelRoutes.length + solution.secondLevelRoutes.length),
  toCvrplibText: (instance, solution) => twoEchelonSolutionToText(instance.problem, solution),
  toJson: (instance, solution) => twoEchelonSolutionToJson(instance.problem, solution),
  verify(instanceText, solutionText) {
    const instance = parseEither(instanceText);
    const read = parseTwoEchelonSolutionText(solutionText);
    const check = checkTwoEchelonSolution(instance.problem, read);
    const cost = check.cost / instance.problem.distanceScale;
    const violations = check.violations.slice();
    // The text carries 2 decimals; anything further off is a wrong cost, not rounding.
    if (Math.abs(cost - read.printedCost) > 0.0051) violations.push(`printed cost ${read.printedCost} but routes cost ${cost.toFixed(2)}`);
    return {
      feasible: violations.length === 0,
      cost,
      message: violations.length === 0 ? `feasible, cost ${cost.toFixed(2)}` : violations.join('; '),
    };
  },
};

registerFormat(twoEchelonFormat);
