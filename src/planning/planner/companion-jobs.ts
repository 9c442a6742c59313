import type { Solution } from '@rural-dispatch/routing';
import { isOptionalTask } from './task-penalty';
import type { WaveTask } from './wave-tasks';

/**
 * A village's optional parcels are a job of their own beside the job of what must go there, so the
 * solver can leave them; but handing them over at the same stop takes no second stop's service time.
 * Such a **companion** job gets no service time of its own: it rides on its village's must-go job.
 * That holds only when the solution serves it at the same stop (consecutive jobs at one node); a
 * companion served on a stop of its own would be short of its service time, so the depot is solved
 * again with those companions given their full service time (companionsServedAlone).
 */
export function companionTaskIds(tasks: readonly WaveTask[], fullServiceTaskIds: ReadonlySet<string> = new Set()): Set<string> {
  const mustGoNodes = new Set(tasks.filter((task) => !isOptionalTask(task)).map((task) => task.nodeId));
  return new Set(
    tasks.filter((task) => task.stopKind === 'village' && isOptionalTask(task) && mustGoNodes.has(task.nodeId) && !fullServiceTaskIds.has(task.id)).map((task) => task.id),
  );
}

/** Companion jobs the solution serves on a stop with no job of full service time: they need theirs. */
export function companionsServedAlone(solution: Solution, companions: ReadonlySet<string>): string[] {
  const alone: string[] = [];
  for (const route of solution.routes) {
    let stop: Array<{ id: string; location: number }> = [];
    const close = () => {
      if (stop.length > 0 && stop.every((job) => companions.has(job.id))) alone.push(...stop.map((job) => job.id));
      stop = [];
    };
    for (const step of route.steps) {
      if (step.type !== 'job') {
        close();
        continue;
      }
      if (stop.length > 0 && stop[0]!.location !== step.location) close();
      stop.push({ id: step.id!, location: step.location });
    }
    close();
  }
  return alone.sort();
}
