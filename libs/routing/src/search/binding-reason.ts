import { UnassignedReason } from '../model/problem';

/** When vehicles fail for different reasons, the reason most of them share wins; ties go by this order. */
const REASON_ORDER: UnassignedReason[] = ['capacity', 'time_window', 'max_duration', 'max_distance'];

/**
 * The constraint that binds a job no vehicle can serve even alone, from the reason each vehicle
 * failed: the one most vehicles share ('no_vehicle' when none is counted). Both engines report it.
 */
export function bindingReason(counts: ReadonlyMap<UnassignedReason, number>): UnassignedReason {
  let best: UnassignedReason = 'no_vehicle';
  let bestCount = 0;
  for (const reason of REASON_ORDER) {
    const count = counts.get(reason) ?? 0;
    if (count > bestCount) {
      best = reason;
      bestCount = count;
    }
  }
  return best;
}
