import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError, notFound } from '../infra/errors/domain-error';
import { PlatformCredentials, PlatformsService } from './platforms.service';
import { SignatureCheck, verifyWebhook } from './webhook-signature';

export interface SignedRequest {
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  rawBody?: Buffer;
  platform?: PlatformCredentials;
  countyId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const REASONS: Record<Exclude<SignatureCheck, 'ok'>, string> = {
  missing_headers: 'webhook-id, webhook-timestamp and webhook-signature headers are required',
  bad_timestamp: 'webhook-timestamp must be Unix seconds',
  stale_timestamp: 'webhook-timestamp is more than 300 s away from our clock',
  bad_signature: 'no webhook-signature matches an active secret of this platform',
};

/** The inbound webhook's own authentication (the route is @Public to the operator-key guard). */
@Injectable()
export class WebhookSignatureGuard implements CanActivate {
  constructor(private readonly platforms: PlatformsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedRequest>();
    const platformId = request.params.platformId ?? '';
    const platform = UUID.test(platformId) ? await this.platforms.credentials(platformId) : null;
    if (!platform) throw notFound('platform', platformId);
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(' ') : value;
    };
    const check = verifyWebhook(
      platform.secrets,
      { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') },
      request.rawBody ?? Buffer.alloc(0),
    );
    if (check !== 'ok') throw new DomainError('unauthenticated', REASONS[check], [], { reason: check });
    request.platform = platform;
    request.countyId = platform.countyId;
    return true;
  }
}
