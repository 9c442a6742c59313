import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { RateLimitsService } from '../rate-limit/rate-limits.service';
import { CSRF_HEADER, csrfTokenMatches, sessionTokenOf } from './console-session-cookie';
import { API_KEY_RESOLVER, ApiKeyResolver, IDENTIFIES_CALLER, IS_PUBLIC, OPERATOR_ROLES, OperatorRole, Principal, ROLES, SESSION_RESOLVER, SessionResolver } from './principal';

interface GuardedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  principal?: Principal;
  countyId?: string;
}

/** Methods that change nothing: a session cookie alone is enough for them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs `Authorization: Bearer <key>`, or the console's session cookie, unless marked
 * @Public(). A session is the principal of its account's role and county, exactly like a key; a write
 * with it also needs its CSRF token in `X-CSRF-Token`. A principal only ever sees its own county: a
 * `countyId` path parameter that is not its county is refused before any handler runs. It runs before
 * the body is read (JsonBodyGuard), so an unauthenticated body is never parsed.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_RESOLVER) private readonly resolver: ApiKeyResolver,
    @Inject(SESSION_RESOLVER) private readonly sessions: SessionResolver,
    private readonly limits: RateLimitsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const match = bearerKey(request);
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      if (match && this.reflector.getAllAndOverride<boolean>(IDENTIFIES_CALLER, targets)) request.principal = (await this.resolver.resolve(match)) ?? undefined;
      return true;
    }
    const response = context.switchToHttp().getResponse<Response>();
    const principal = match ? await this.keyPrincipal(match, response) : await this.sessionPrincipal(request, response);
    const roles = this.reflector.getAllAndOverride<OperatorRole[] | undefined>(ROLES, targets) ?? OPERATOR_ROLES;
    if (!roles.includes(principal.role)) {
      throw new DomainError('forbidden', `this action needs one of the roles ${roles.join(', ')}; the ${principal.userId ? 'account' : 'key'} has ${principal.role}`);
    }
    const countyId = request.params.countyId;
    if (countyId !== undefined && countyId !== principal.countyId) {
      throw new DomainError('forbidden', `this ${principal.userId ? 'account' : 'API key'} belongs to another county`);
    }
    request.principal = principal;
    request.countyId = principal.countyId;
    return true;
  }

  private async keyPrincipal(key: string, response: Response): Promise<Principal> {
    const principal = await this.resolver.resolve(key);
    if (!principal) throw new DomainError('unauthenticated', 'unknown or revoked API key');
    // Counted once the key is known to be valid: a flood of made-up keys is the client address's budget, not a real key's.
    await this.limits.consume('key', principal.apiKeyId!, response);
    return principal;
  }

  private async sessionPrincipal(request: GuardedRequest, response: Response): Promise<Principal> {
    const token = sessionTokenOf(request.headers.cookie);
    if (!token) throw new DomainError('unauthenticated', 'missing or malformed Authorization header; expected "Bearer <api key>" (or sign in to the console)');
    const principal = await this.sessions.resolve(token);
    if (!principal) throw new DomainError('unauthenticated', 'the console session has expired or was signed out; sign in again');
    const csrf = request.headers[CSRF_HEADER];
    if (!SAFE_METHODS.has(request.method) && !csrfTokenMatches(token, typeof csrf === 'string' ? csrf : undefined)) {
      throw new DomainError('forbidden', 'a write with a console session needs its CSRF token in the X-CSRF-Token header', [
        { field: 'X-CSRF-Token', message: 'missing or wrong' },
      ]);
    }
    await this.limits.consume('user', principal.userId!, response);
    return principal;
  }
}

function bearerKey(request: GuardedRequest): string | null {
  const header = request.headers.authorization;
  return typeof header === 'string' ? (/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null) : null;
}
