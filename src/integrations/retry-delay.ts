import { WebhookDeliveryConfig } from '../infra/config/app-config';

/** Exponential: base · 2^(attempt-1), capped. */
export function retryDelayMs(options: WebhookDeliveryConfig, attemptNumber: number): number {
  return Math.min(options.retryMaxDelayMs, options.retryBaseDelayMs * 2 ** Math.min(attemptNumber - 1, 30));
}
