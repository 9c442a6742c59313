/**
 * The plan cannot be computed from this input (no hub, no vehicle, a solver refusing the problem):
 * retrying would fail the same way, so the worker fails the job for good and stores the reason.
 */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInputError';
  }
}

/** What a job payload carries: ids and a version, never entities. */
export interface PlanJobData {
  planId: string;
  countyId: string;
  version: 1;
}

/**
 * One job per plan version, so a second enqueue (a restarted scheduler, a retried request) is a no-op.
 * BullMQ 5 refuses custom job ids with more than two ':', so the parts are joined by '-' instead.
 */
export function planJobId(countyId: string, serviceDate: string, wave: number, version: number): string {
  return `plan-${countyId}-${serviceDate}-${wave}-v${version}`;
}

export interface PlanProgress {
  percent: number;
  stage: string;
}
