import { AlnsSolution } from '../alns-solution';
import { OperatorContext, RemovalOperator } from './operator-context';

/** Removes requests chosen uniformly at random: pure diversification. */
export const randomRemoval: RemovalOperator = {
  name: 'random',
  remove(solution: AlnsSolution, count: number, context: OperatorContext): void {
    const assigned = solution.assignedRequests();
    context.rng.shuffle(assigned);
    for (let i = 0; i < Math.min(count, assigned.length); i++) solution.remove(assigned[i]);
  },
};
