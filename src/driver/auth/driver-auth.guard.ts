import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from '../../infra/auth/principal';
import { DomainError } from '../../infra/errors/domain-error';
import { DriverPrincipal } from './access-tokens';
import { AccessTokensService } from './access-tokens.service';

const SYNC_ALLOWED = 'driver:sync-allowed';
const DRIVER_TOKEN = 'driver:token';

/** The route takes a driver's access token (DriverApi sets it for a whole controller). */
export const DriverToken = () => SetMetadata(DRIVER_TOKEN, true);

/** The route takes a sync-only token too (a disabled device's last events): only POST /v1/driver/events. */
export const SyncAllowed = () => SetMetadata(SYNC_ALLOWED, true);

interface DriverRequest {
  headers: Record<string, string | string[] | undefined>;
  driver?: DriverPrincipal;
  countyId?: string;
}

/**
 * Driver endpoints take a driver's access token, never an operator key (and the operator guard never
 * takes a driver's token). The token alone decides, without a database read: it lives ten minutes.
 * A global guard (app.module), after the operator key's and before the body is read; it acts on the
 * routes marked DriverToken() and lets every other through.
 */
@Injectable()
export class DriverAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AccessTokensService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (!this.reflector.getAllAndOverride<boolean>(DRIVER_TOKEN, targets)) return true;
    const request = context.switchToHttp().getRequest<DriverRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('unauthenticated', 'missing or malformed Authorization header; expected "Bearer <driver access token>"');
    const driver = await this.tokens.verify(match[1]!);
    const syncAllowed = this.reflector.getAllAndOverride<boolean>(SYNC_ALLOWED, targets) ?? false;
    if (driver.scope === 'sync' && !syncAllowed) {
      throw new DomainError('forbidden', 'this device or driver is disabled: it may only sync the events it recorded before; ask the county centre');
    }
    request.driver = driver;
    request.countyId = driver.countyId;
    return true;
  }
}

/** The controller is for drivers: no operator key, a driver's access token instead. */
export function DriverApi(tag: string): ClassDecorator {
  return applyDecorators(
    Public(),
    DriverToken(),
    ApiTags(tag),
    ApiBearerAuth('driver'),
    ApiUnauthorizedResponse({ description: 'missing, expired or invalid driver access token (problem+json)' }),
  );
}

export const CurrentDriver = createParamDecorator((_data: unknown, context: ExecutionContext): DriverPrincipal => {
  const request = context.switchToHttp().getRequest<DriverRequest>();
  if (!request.driver) throw new Error('CurrentDriver used outside a DriverApi controller');
  return request.driver;
});
