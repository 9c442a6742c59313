/** Every queue this system uses; a processor for a name not listed here is a bug. */
export const QueueName = {
  planning: 'planning',
  webhookDelivery: 'webhook-delivery',
  imports: 'imports',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];
