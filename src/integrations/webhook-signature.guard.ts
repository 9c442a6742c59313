import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { DomainError, notFound } from '../infra/errors/domain-error';
import { BodyRequest, checkQueryText, readJsonBody } from '../infra/http/json-body';
import { RateLimitsService } from '../infra/rate-limit/rate-limits.service';
import { PlatformCredentials, PlatformsService } from './platforms.service';
import { checkWebhookHeaders, SignatureCheck, signatureMatches, WebhookHeaders } from './webhook-signature';

export interface SignedRequest extends BodyRequest {
  platform?: PlatformCredentials;
  countyId?: string;
  webhookId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WEBHOOK_ID = /^[\x21-\x7e]{1,100}$/;

const REASONS: Record<Exclude<SignatureCheck, 'ok'>, string> = {
  missing_headers: 'webhook-id, webhook-timestamp and webhook-signature headers are required',
  bad_timestamp: 'webhook-timestamp must be Unix seconds',
  stale_timestamp: 'webhook-timestamp is more than 300 s away from our clock',
  bad_signature: 'no webhook-signature matches an active secret of this platform',
};

const refuse = (check: Exclude<SignatureCheck, 'ok'>) => new DomainError('unauthenticated', REASONS[check], [], { reason: check });

/**
 * The inbound webhook's own authentication (the route is @Public to the operator-key guard), in the
 * order that spends the least on a forged request: the platform and the three headers with a fresh
 * timestamp; then the raw body, read within the route's limit; the HMAC over those bytes; and only
 * then JSON.parse. The platform's request budget is counted once the signature holds.
 */
@Injectable()
export class WebhookSignatureGuard implements CanActivate {
  constructor(
    private readonly platforms: PlatformsService,
    private readonly limits: RateLimitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedRequest>();
    const platformId = typeof request.params.platformId === 'string' ? request.params.platformId : '';
    await this.authenticate(request, context.switchToHttp().getResponse<Response>(), platformId);
    return true;
  }

  /** Authenticates a push to `platformId` and reads its body; sets the request's platform, county and webhook-id. */
  async authenticate(request: SignedRequest, response: Response, platformId: string): Promise<void> {
    const platform = UUID.test(platformId) ? await this.platforms.credentials(platformId) : null;
    if (!platform) throw notFound('platform', platformId);
    const header = (name: string): string | undefined => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(' ') : value;
    };
    const headers: WebhookHeaders = { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') };
    const check = checkWebhookHeaders(headers);
    if (check !== 'ok') throw refuse(check);
    if (!WEBHOOK_ID.test(headers.id!)) throw new DomainError('unauthenticated', 'webhook-id must be 1-100 printable ASCII characters', [], { reason: 'bad_webhook_id' });
    let verified = false;
    request.verifyRawBody = (raw) => {
      if (!signatureMatches(platform.secrets, headers, raw)) throw refuse('bad_signature');
      verified = true;
    };
    checkQueryText(request.query);
    await readJsonBody(request, response, this.config.bodyLimitBytes);
    // No JSON body (none, or another content type): the hook never ran, so nothing was verified.
    if (!verified) throw new DomainError('malformed_body', 'the body must be JSON (Content-Type: application/json), signed as sent');
    await this.limits.consume('platform', platform.id, response);
    request.platform = platform;
    request.countyId = platform.countyId;
    request.webhookId = headers.id;
  }
}
