import { Job, Problem } from '../../model/problem';
import type { HgsData } from './hgs-data';

/**
 * Jobs with several time windows, as HGS serves them (after PyVRP's mutually exclusive groups): a
 * job of k windows is k clients, one per window, alike in everything else (location, amounts,
 * service, skills, release, penalty). At most one client of a job is routed, exactly one when the
 * job is mandatory; an optional job left out pays its penalty once. Each client holds one window, so
 * the time-warp segments price every move in O(1) as before, and choosing a window is choosing a
 * client (`WindowChoiceMoves`).
 *
 * The k clients of job j are client j + 1 (its first window, so that a problem without such jobs is
 * unchanged, client c being `jobs[c - 1]`) and clients after the last job (its other windows).
 */
export interface JobsByWindow {
  /** The problem with one window per job, the extra windows' clients appended as jobs of the same id. */
  problem: Problem;
  /** `windowGroup[c]`: the client holding the first window of client c's job (c for a job of one window). Null when no job has several windows. */
  windowGroup: Int32Array | null;
}

/** Splits every job of several windows into one job per window (see `JobsByWindow`). */
export function jobsByWindow(problem: Problem): JobsByWindow {
  if (!problem.jobs.some((job) => job.timeWindows.length > 1)) return { problem, windowGroup: null };
  const jobs: Job[] = problem.jobs.map((job) => (job.timeWindows.length > 1 ? { ...job, timeWindows: [job.timeWindows[0]] } : job));
  const group = jobs.map((_, k) => k + 1);
  problem.jobs.forEach((job, k) => {
    for (let w = 1; w < job.timeWindows.length; w++) {
      jobs.push({ ...job, timeWindows: [job.timeWindows[w]] });
      group.push(k + 1);
    }
  });
  return { problem: { ...problem, jobs }, windowGroup: Int32Array.from([0, ...group]) };
}

/**
 * The giant tour with only the first client of each job (the others are left out): what Split cuts,
 * so that no job is routed twice. Writes into `out`; `seen` is scratch of size n + 1. The tour
 * itself when no job has several windows.
 */
export function firstWindowOfEachJob(data: HgsData, tour: Int32Array, out: Int32Array, seen: Uint8Array): Int32Array {
  if (!data.hasWindowGroups) return tour;
  seen.fill(0);
  let length = 0;
  for (let i = 0; i < tour.length; i++) {
    const job = data.windowGroup[tour[i]];
    if (seen[job]) continue;
    seen[job] = 1;
    out[length++] = tour[i];
  }
  return out.subarray(0, length);
}

/** Whether another client of c's job is routed (`routed` says which clients are). */
export function otherWindowRouted(data: HgsData, c: number, routed: (client: number) => boolean): boolean {
  const siblings = data.windowSiblings[c];
  for (let k = 0; k < siblings.length; k++) if (routed(siblings[k])) return true;
  return false;
}

/** Penalties of the optional jobs none of whose clients is routed: each such job once. */
export function leftOutPenalty(data: HgsData, routed: (client: number) => boolean): number {
  let total = 0;
  for (let c = 1; c <= data.n; c++) {
    if (routed(c) || data.windowGroup[c] !== c || otherWindowRouted(data, c, routed)) continue;
    total += data.skipPenalty[c];
  }
  return total;
}
