import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { API_KEY_RESOLVER, ApiKeyResolver, IS_PUBLIC, OPERATOR_ROLES, OperatorRole, Principal, ROLES } from './principal';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  principal?: Principal;
  countyId?: string;
}

/**
 * Every route needs `Authorization: Bearer <key>` unless marked @Public(). A key only ever sees its
 * own county: a `countyId` path parameter that is not the key's county is refused before any handler runs.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_RESOLVER) private readonly resolver: ApiKeyResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new DomainError('unauthenticated', 'missing or malformed Authorization header; expected "Bearer <api key>"');
    const principal = await this.resolver.resolve(match[1]!);
    if (!principal) throw new DomainError('unauthenticated', 'unknown or revoked API key');
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
