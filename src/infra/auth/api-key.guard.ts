import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { RateLimitsService } from '../rate-limit/rate-limits.service';
import { API_KEY_RESOLVER, ApiKeyResolver, IDENTIFIES_CALLER, IS_PUBLIC, OPERATOR_ROLES, OperatorRole, Principal, ROLES } from './principal';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  principal?: Principal;
  countyId?: string;
}

/**
 * Every route needs `Authorization: Bearer <key>` unless marked @Public(). A key only ever sees its
 * own county: a `countyId` path parameter that is not the key's county is refused before any handler runs.
 * It runs before the body is read (JsonBodyInterceptor), so an unauthenticated body is never parsed.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_RESOLVER) private readonly resolver: ApiKeyResolver,
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
    if (!match) throw new DomainError('unauthenticated', 'missing or malformed Authorization header; expected "Bearer <api key>"');
    const principal = await this.resolver.resolve(match);
    if (!principal) throw new DomainError('unauthenticated', 'unknown or revoked API key');
    // Counted once the key is known to be valid: a flood of made-up keys is the client address's budget, not a real key's.
    await this.limits.consume('key', principal.apiKeyId, context.switchToHttp().getResponse<Response>());
    const roles = this.reflector.getAllAndOverride<OperatorRole[] | undefined>(ROLES, targets) ?? OPERATOR_ROLES;
    if (!roles.includes(principal.role)) {
      throw new DomainError('forbidden', `this action needs one of the roles ${roles.join(', ')}; the key has ${principal.role}`);
    }
    const countyId = request.params.countyId;
    if (countyId !== undefined && countyId !== principal.countyId) {
      throw new DomainError('forbidden', 'this API key belongs to another county');
    }
    request.principal = principal;
    request.countyId = principal.countyId;
    return true;
  }
}

function bearerKey(request: GuardedRequest): string | null {
  const header = request.headers.authorization;
  return typeof header === 'string' ? (/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null) : null;
}
