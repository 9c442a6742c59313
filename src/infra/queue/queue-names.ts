/** Every queue this system uses; a processor for a name not listed here is a bug. */
export const QueueName = {
  planning: 'planning',
  webhookDelivery: 'webhook-delivery',
  /** Unused today, kept on purpose: the road import from OpenStreetMap is to run as a job on this queue (a later issue). */
  imports: 'imports',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];
