import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ProblemDetailsFilter } from '../infra/errors/problem-details.filter';
import { ClientAddressGuard } from '../infra/rate-limit/client-address.guard';
import { RateLimitsService } from '../infra/rate-limit/rate-limits.service';
import { InboundWebhookService } from './inbound-webhook.service';
import { SignedRequest, WebhookSignatureGuard } from './webhook-signature.guard';

/** POST /v1/webhooks/{platformId}/shipments, as Express matches it (case-insensitive, optional trailing slash). A platform id is a UUID: one with %-escapes is no platform (404). */
const PUSH_PATH = /^\/v1\/webhooks\/([^/]+)\/shipments\/?$/i;

/**
 * Platform pushes, the API's busiest route, served ahead of Nest's router by the very steps Nest
 * runs for InboundWebhookController: the client address's budget, the webhook's authentication and
 * body (WebhookSignatureGuard), InboundWebhookService, and errors as ProblemDetailsFilter answers
 * them. The other global guards have nothing to do on this route (it is public to operator keys and
 * drivers, reads its own body, and records no operator action). Why: walking Express's ~40 earlier
 * routes and Nest's execution context, guard chain and response controller cost about a sixth of the
 * API's CPU per push (bench:intake). The controller's declaration stays: it documents the route in
 * OpenAPI, and its test suite is this lane's.
 */
@Injectable()
export class WebhookFastLane {
  private readonly addressBudget: ClientAddressGuard;
  private readonly problems = new ProblemDetailsFilter();

  constructor(
    limits: RateLimitsService,
    private readonly signatures: WebhookSignatureGuard,
    private readonly inbound: InboundWebhookService,
  ) {
    this.addressBudget = new ClientAddressGuard(limits);
  }

  middleware(): RequestHandler {
    return (request: Request, response: Response, next: NextFunction) => {
      const match = request.method === 'POST' ? PUSH_PATH.exec(request.path) : null;
      if (!match) return next();
      this.serve(request as SignedRequest, response, match[1]!).catch((error: unknown) => this.problems.send(error, request, response));
    };
  }

  private async serve(request: SignedRequest, response: Response, platformId: string): Promise<void> {
    await this.addressBudget.charge(request, response);
    await this.signatures.authenticate(request, response, platformId);
    const result = await this.inbound.receive(request.platform!, request.webhookId!, request.body);
    // Written directly: Express's send would hash the body for an ETag, which means nothing on a POST's answer.
    response.statusCode = 200;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(result));
  }
}
