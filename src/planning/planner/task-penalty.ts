import { Load, SHIPMENT_URGENCIES, ShipmentUrgency, WaveShipment } from './wave-model';

/** What a penalty is read from: a task's shipments and their load (wave-tasks.ts). */
interface TaskContent {
  shipments: WaveShipment[];
  load: Load;
}

/**
 * Unserved work must come back as "unassigned with a reason", never as an infeasible route: every
 * job is optional, at a penalty far above any route's cost for work that must go, so the solver
 * leaves such a job out only when no vehicle can take it. Bigger tasks weigh more, so when something
 * must stay, the small stays. Express weighs ten times and a promise already passed twenty times a
 * task that is merely due: express must arrive on its day (the county's hardest promise), so a
 * vehicle short of time leaves several due tasks, which still have a day to spare, before it leaves
 * one express parcel; at 2× (before the week bench) a far express village was traded for two due ones.
 */
export const UNASSIGNED_BASE_PENALTY_FEN = 1_000_000;
export const UNASSIGNED_PENALTY_PER_PARCEL_FEN = 100_000;
const MUST_GO_WEIGHT: Record<Exclude<ShipmentUrgency, 'optional'>, number> = { late: 20, express: 10, due: 1 };

export const urgencyOf = (shipment: WaveShipment): ShipmentUrgency => shipment.urgency ?? 'due';

/** Most urgent first: the order tasks are packed in, so what must go fills a vehicle before what may wait. */
export const urgencyRank = (shipment: WaveShipment): number => SHIPMENT_URGENCIES.indexOf(urgencyOf(shipment));

/** A task of optional shipments only: the solver may leave it for a later day. */
export function isOptionalTask(task: Pick<TaskContent, 'shipments'>): boolean {
  return task.shipments.length > 0 && task.shipments.every((shipment) => urgencyOf(shipment) === 'optional');
}

/**
 * What leaving the task out costs the solver: for optional work, the estimated cost of serving it on
 * its next service day (the sum of its shipments'); otherwise the must-go penalty of its most urgent
 * shipment's kind.
 */
export function taskPenaltyFen(task: TaskContent): number {
  if (isOptionalTask(task))
    return Math.max(
      1,
      task.shipments.reduce((total, shipment) => total + Math.round(shipment.deferralPenaltyFen ?? 0), 0),
    );
  // A task priced without its shipments (a dispatcher's hand edit) weighs as work that is due.
  const weight = Math.max(1, ...task.shipments.map((shipment) => MUST_GO_WEIGHT[urgencyOf(shipment) as keyof typeof MUST_GO_WEIGHT] ?? 1));
  return weight * (UNASSIGNED_BASE_PENALTY_FEN + UNASSIGNED_PENALTY_PER_PARCEL_FEN * task.load.parcels);
}
