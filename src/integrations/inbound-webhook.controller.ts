import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../infra/auth/principal';
import { ApiProblems } from '../infra/errors/api-problems';
import { BodyReadByRoute } from '../infra/http/json-body.guard';
import { WEBHOOK_BODY_SCHEMA_REF } from '../shipments/dto/intake-openapi';
import { InboundWebhookService } from './inbound-webhook.service';
import { IntakeResponse } from './integrations.responses';
import { SignedRequest, WebhookSignatureGuard } from './webhook-signature.guard';

@ApiTags('platform webhooks')
@Controller('v1/webhooks')
export class InboundWebhookController {
  constructor(private readonly inbound: InboundWebhookService) {}

  @Post(':platformId/shipments')
  @Public()
  @BodyReadByRoute()
  @UseGuards(WebhookSignatureGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Push shipments: a batch {shipments: [1..500]} or one event {type: create|update|cancel, shipment}',
    description:
      'Answers after the shipments and their outbox rows are committed. Idempotent on (platform, shipment id): a repeat returns the same shipment ids with duplicate=true; the same id with other content is 409. ' +
      'A webhook-id is applied once: the same webhook-id again within the signature window is 409 (reason replayed_webhook_id); a request that failed releases its id for a retry. ' +
      'The signature is checked on the raw body before it is parsed; the body may be up to BODY_LIMIT_BYTES.',
  })
  @ApiParam({ name: 'platformId', format: 'uuid' })
  @ApiHeader({ name: 'webhook-id', required: true, description: 'unique id of this message (any string up to 100 characters)' })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds; must be within ±300 s of our clock' })
  @ApiHeader({
    name: 'webhook-signature',
    required: true,
    description: 'v1,<base64 HMAC-SHA256 of "${webhook-id}.${webhook-timestamp}.${raw body}">; several space-separated allowed',
  })
  @ApiBody({ schema: { $ref: WEBHOOK_BODY_SCHEMA_REF } })
  @ApiOkResponse({ type: IntakeResponse })
  @ApiProblems(400, 401, 404, 409, 413, 429, 503)
  receive(@Req() request: SignedRequest, @Body() body: unknown): Promise<unknown> {
    return this.inbound.receive(request.platform!, request.webhookId!, body);
  }
}
