import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../infra/auth/principal';
import { ApiProblems } from '../infra/errors/api-problems';
import { WEBHOOK_BODY_SCHEMA_REF } from '../shipments/dto/intake-openapi';
import { parseWebhookBody } from '../shipments/dto/webhook-body.dto';
import { ShipmentIntakeService } from '../shipments/shipment-intake.service';
import { ShipmentLifecycleService } from '../shipments/shipment-lifecycle.service';
import { IntakeResponse } from './integrations.responses';
import { SignedRequest, WebhookSignatureGuard } from './webhook-signature.guard';
import { Clock } from '../infra/clock/clock';

@ApiTags('platform webhooks')
@Controller('v1/webhooks')
export class InboundWebhookController {
  constructor(
    private readonly intake: ShipmentIntakeService,
    private readonly lifecycle: ShipmentLifecycleService,
    private readonly clock: Clock,
  ) {}

  @Post(':platformId/shipments')
  @Public()
  @UseGuards(WebhookSignatureGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Push shipments: a batch {shipments: [1..500]} or one event {type: create|update|cancel, shipment}',
    description:
      'Answers after the shipments and their outbox rows are committed. Idempotent on (platform, shipment id): a repeat returns the same shipment ids with duplicate=true; the same id with other content is 409.',
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
  @ApiProblems(400, 401, 404, 409, 413)
  async receive(@Req() request: SignedRequest, @Body() body: unknown): Promise<unknown> {
    const platform = request.platform!;
    const command = parseWebhookBody(body, this.clock.now());
    const source = { countyId: platform.countyId, platformId: platform.id };
    if (command.type === 'create') return this.intake.create(source, command.shipments);
    if (command.type === 'update') return this.lifecycle.updateByPlatform(source.countyId, source.platformId, command.shipment);
    return this.lifecycle.cancelByPlatform(source.countyId, source.platformId, command.cancel.id, command.cancel.reason ?? null);
  }
}
