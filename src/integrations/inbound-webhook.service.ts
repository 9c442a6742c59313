import { Injectable } from '@nestjs/common';
import { Clock } from '../infra/clock/clock';
import { parseWebhookBody } from '../shipments/dto/webhook-body.dto';
import { IntakeSource } from '../shipments/platform-messages.service';
import { ShipmentIntakeService } from '../shipments/shipment-intake.service';
import { ShipmentLifecycleService } from '../shipments/shipment-lifecycle.service';
import { PlatformCredentials } from './platforms.service';

/**
 * A verified platform request: validated, then applied together with its webhook-id. A webhook-id is
 * applied once: the shipments module writes it in the same statement or transaction as the message's
 * changes, so a replay of a signed request (an old `update` would roll a shipment back) is refused while
 * its signature is still fresh, on every API process, and afterwards the timestamp check refuses it. A
 * request that fails writes nothing, its id included, so the platform's retry of it is processed.
 */
@Injectable()
export class InboundWebhookService {
  constructor(
    private readonly intake: ShipmentIntakeService,
    private readonly lifecycle: ShipmentLifecycleService,
    private readonly clock: Clock,
  ) {}

  receive(platform: PlatformCredentials, webhookId: string, body: unknown): Promise<unknown> {
    const command = parseWebhookBody(body, this.clock.now());
    const source: IntakeSource = { countyId: platform.countyId, platformId: platform.id, webhookId };
    if (command.type === 'create') return this.intake.create(source, command.shipments);
    if (command.type === 'update') return this.lifecycle.updateByPlatform(source, command.shipment);
    return this.lifecycle.cancelByPlatform(source, command.cancel.id, command.cancel.reason ?? null);
  }
}
