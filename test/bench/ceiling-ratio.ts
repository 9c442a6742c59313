/** One measured run of a server under autocannon. */
export interface Measured {
  requestsPerS: number;
  p99: number;
  cpuMsPerRequest: number | null;
  /** CPU of the bench database's PostgreSQL backends per request, ms, where the bench measures it. */
  databaseCpuMsPerRequest?: number | null;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The closing line of a bench that measures the API against a plain-Node ceiling in alternate rounds:
 * medians of each, the ratio per round and its median, the goal, and the CPU per request of each (the
 * figure that moves least with the machine's load), and that of the database's backends where measured.
 */
export function ceilingRatioLine(what: string, apiRuns: Measured[], ceilingRuns: Measured[], goal: string): string {
  const ratios = apiRuns.map((run, index) => run.requestsPerS / ceilingRuns[index]!.requestsPerS);
  const cpu = (runs: Measured[]) => median(runs.map((run) => run.cpuMsPerRequest ?? Number.NaN)).toFixed(2);
  const databaseCpu = (runs: Measured[]) => median(runs.map((run) => run.databaseCpuMsPerRequest ?? Number.NaN)).toFixed(2);
  const database = apiRuns.some((run) => run.databaseCpuMsPerRequest != null)
    ? `; PostgreSQL CPU per request API ${databaseCpu(apiRuns)} ms, ceiling ${databaseCpu(ceilingRuns)} ms`
    : '';
  return (
    `${what} (medians of ${apiRuns.length}): API ${median(apiRuns.map((run) => run.requestsPerS)).toFixed(0)} req/s, p99 ${median(apiRuns.map((run) => run.p99))} ms; ` +
    `ceiling ${median(ceilingRuns.map((run) => run.requestsPerS)).toFixed(0)} req/s, p99 ${median(ceilingRuns.map((run) => run.p99))} ms; ` +
    `ratio ${median(ratios).toFixed(2)} × (rounds: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}; goal ${goal}); ` +
    `CPU per request API ${cpu(apiRuns)} ms, ceiling ${cpu(ceilingRuns)} ms` +
    database
  );
}
