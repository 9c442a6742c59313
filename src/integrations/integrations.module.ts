import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CountiesModule } from '../counties/counties.module';
import { QueueName } from '../infra/queue/queue-names';
import { ShipmentsModule } from '../shipments/shipments.module';
import { DeliveriesController } from './deliveries.controller';
import { DeliveryQueueService } from './delivery-queue.service';
import { InboundWebhookController } from './inbound-webhook.controller';
import { InboundWebhookService } from './inbound-webhook.service';
import { Platform } from './platform.entity';
import { PlatformsController } from './platforms.controller';
import { PlatformsService } from './platforms.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDeliveryAttempt } from './webhook-delivery-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookDispatcherService } from './webhook-dispatcher.service';
import { WebhookSignatureGuard } from './webhook-signature.guard';
import { WebhookFastLane } from './webhook-fast-lane';
import { WebhookSubscription } from './webhook-subscription.entity';

const SHARED_PROVIDERS = [PlatformsService, DeliveryQueueService, WebhookDeliveriesService, WebhookDispatcherService];

const SHARED_IMPORTS = [
  TypeOrmModule.forFeature([Platform, WebhookSubscription, WebhookDelivery, WebhookDeliveryAttempt]),
  BullModule.registerQueue({ name: QueueName.webhookDelivery }),
  CountiesModule,
  ShipmentsModule,
];

/** Platforms, inbound webhook authentication, outbound subscriptions and deliveries (HTTP side). */
@Module({
  imports: SHARED_IMPORTS,
  controllers: [InboundWebhookController, PlatformsController, DeliveriesController],
  providers: [...SHARED_PROVIDERS, WebhookSignatureGuard, InboundWebhookService, WebhookFastLane],
  exports: [PlatformsService],
})
export class IntegrationsModule {}

export { SHARED_IMPORTS as INTEGRATIONS_IMPORTS, SHARED_PROVIDERS as INTEGRATIONS_PROVIDERS };
