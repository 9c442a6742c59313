import { Module } from '@nestjs/common';
import { DeliverySchedulerService } from './delivery-scheduler.service';
import { INTEGRATIONS_IMPORTS, INTEGRATIONS_PROVIDERS } from './integrations.module';
import { WebhookDeliveryProcessor } from './webhook-delivery.processor';

/** Worker side: the webhook-delivery processor, the outbox relay and the reconciler. */
@Module({
  imports: INTEGRATIONS_IMPORTS,
  providers: [...INTEGRATIONS_PROVIDERS, WebhookDeliveryProcessor, DeliverySchedulerService],
})
export class IntegrationsWorkerModule {}
