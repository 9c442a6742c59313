import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, OPERATOR_ROLES, Principal, Roles, WRITE_ROLES } from '../infra/auth/principal';
import { DomainError } from '../infra/errors/domain-error';
import { ApiProblems } from '../infra/errors/api-problems';
import { ShipmentEventsService } from '../shipments/shipment-events.service';
import { DeliveryListQuery, DeliveryResponse, EventsFeedQuery, EventsPageResponse } from './integrations.responses';
import { PlatformsService } from './platforms.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDeliveryAttempt } from './webhook-delivery-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';

const toDeliveryResponse = (delivery: WebhookDelivery, attempts?: WebhookDeliveryAttempt[]): DeliveryResponse => ({
  id: delivery.id,
  eventId: `evt_${delivery.eventId}`,
  subscriptionId: delivery.subscriptionId,
  status: delivery.status,
  attemptCount: delivery.attemptCount,
  nextAttemptAt: delivery.nextAttemptAt.toISOString(),
  lastStatusCode: delivery.lastStatusCode,
  lastError: delivery.lastError,
  ...(attempts
    ? {
        attempts: attempts.map((attempt) => ({
          attemptNumber: attempt.attemptNumber,
          statusCode: attempt.statusCode,
          durationMs: attempt.durationMs,
          error: attempt.error,
          at: attempt.createdAt.toISOString(),
        })),
      }
    : {}),
});

@ApiTags('webhook deliveries')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1')
export class DeliveriesController {
  constructor(
    private readonly deliveries: WebhookDeliveriesService,
    private readonly platforms: PlatformsService,
    private readonly events: ShipmentEventsService,
  ) {}

  @Get('counties/:countyId/webhook-deliveries')
  @ApiOperation({ summary: 'Outbound deliveries with their attempt log (e.g. ?status=failed)' })
  @ApiOkResponse({ type: [DeliveryResponse] })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string, @Query() query: DeliveryListQuery): Promise<DeliveryResponse[]> {
    const deliveries = await this.deliveries.list(countyId, query.status, query.limit ?? 100);
    const attempts = await this.deliveries.attemptsOf(
      countyId,
      deliveries.map((delivery) => delivery.id),
    );
    return deliveries.map((delivery) =>
      toDeliveryResponse(
        delivery,
        attempts.filter((attempt) => attempt.deliveryId === delivery.id),
      ),
    );
  }

  @Post('counties/:countyId/webhook-deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: 'Send a failed (or delivered) delivery again, with a fresh retry window' })
  @ApiOkResponse({ type: DeliveryResponse })
  @ApiProblems(404, 409)
  async redeliver(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('deliveryId', ParseUUIDPipe) deliveryId: string): Promise<DeliveryResponse> {
    return toDeliveryResponse(await this.deliveries.redeliver(countyId, deliveryId));
  }

  @Get('events')
  @Roles(...OPERATOR_ROLES, 'platform')
  @ApiOperation({
    summary: 'Pull feed of event envelopes, oldest first',
    description: "Authenticate with the platform's API key (from registration): it sees its own shipments' events. An operator key sees the whole county.",
  })
  @ApiOkResponse({ type: EventsPageResponse })
  async feed(@CurrentPrincipal() principal: Principal, @Query() query: EventsFeedQuery): Promise<EventsPageResponse> {
    const platform = principal.apiKeyId ? await this.platforms.findByApiKey(principal.apiKeyId) : null;
    if (platform && platform.countyId !== principal.countyId) throw new DomainError('forbidden', 'platform key and county disagree');
    // A platform key must never fall through to the county-wide feed.
    if (principal.role === 'platform' && !platform) throw new DomainError('forbidden', 'this platform key has no platform');
    return this.events.feed({ countyId: principal.countyId, platformId: platform?.id ?? null, after: query.after ?? null, limit: query.limit ?? 100 });
  }
}
