import { AlnsSolution } from '../alns-solution';
import { OperatorContext, RemovalOperator, biasedIndex } from './operator-context';

/** How strongly Shaw removal sticks to the most related request (Ropke & Pisinger's p). */
const SHAW_DETERMINISM = 6;

/**
 * Shaw (related) removal: starts from a random request and keeps removing requests related to one
 * already removed (close in space, time and size), because related requests can swap places where
 * unrelated ones just go back where they were.
 */
export const shawRemoval: RemovalOperator = {
  name: 'shaw',
  remove(solution: AlnsSolution, count: number, context: OperatorContext): void {
    const assigned = solution.assignedRequests();
    if (assigned.length === 0) return;
    const removed = [assigned[context.rng.nextInt(assigned.length)]];
    solution.remove(removed[0]);
    while (removed.length < count) {
      const remaining = solution.assignedRequests();
      if (remaining.length === 0) return;
      const seed = removed[context.rng.nextInt(removed.length)];
      const scores = new Float64Array(remaining.length);
      for (let i = 0; i < remaining.length; i++) scores[i] = context.relatedness(seed, remaining[i]);
      const order = remaining.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || remaining[a] - remaining[b]);
      const request = remaining[order[biasedIndex(context.rng, order.length, SHAW_DETERMINISM)]];
      solution.remove(request);
      removed.push(request);
    }
  },
};
