import { instantToLocalIso } from './planner/local-time';
import type { PlanEditViolation } from './edited-route-pricing';

/** Seconds after local midnight in a violation, and the name each gets as a local ISO 8601 time in the answer. */
const TIMES: Record<string, string> = {
  arrivalS: 'arrivalAt',
  latestStartS: 'latestStartAt',
  returnS: 'returnAt',
  latestReturnS: 'latestReturnAt',
  earliestStartS: 'earliestStartAt',
  departureS: 'departureAt',
  unloadedS: 'unloadedAt',
};

/** An edit's violations as the 409 problem's `violations` extension: the rule, the route and stop, and times in the county's local time with offset. */
export function editViolationsResponse(violations: PlanEditViolation[], instantOf: (secondsFromMidnight: number) => Date, timeZone: string): Array<Record<string, unknown>> {
  return violations.map((violation) =>
    Object.fromEntries(
      Object.entries(violation).map(([key, value]) => (key in TIMES && typeof value === 'number' ? [TIMES[key]!, instantToLocalIso(instantOf(value), timeZone)] : [key, value])),
    ),
  );
}
