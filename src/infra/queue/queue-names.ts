/** Every queue this system uses; a processor for a name not listed here is a bug. */
export const QueueName = {
  planning: 'planning',
  /** Fired by each county's job schedulers at its wave cut-off times; creates the wave's plan (never solves). */
  waveSchedule: 'wave-schedule',
  webhookDelivery: 'webhook-delivery',
  /** Unused today, kept on purpose: the road import from OpenStreetMap is to run as a job on this queue (a later issue). */
  imports: 'imports',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];
