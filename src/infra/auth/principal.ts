import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export type OperatorRole = 'admin' | 'dispatcher' | 'viewer' | 'platform';

/** Who is calling: an operator key (a machine) or a person signed in to the console, always bound to exactly one county. */
export interface Principal {
  /** The API key; null for a person signed in to the console. */
  apiKeyId: string | null;
  /** The operator account of a console session; null for an API key. */
  userId: string | null;
  /** Who did it, as plan events and other records store it: the key's id, or `user:<userId>`. */
  actor: string;
  countyId: string;
  role: OperatorRole;
}

export const keyPrincipal = (apiKeyId: string, countyId: string, role: OperatorRole): Principal => ({ apiKeyId, userId: null, actor: apiKeyId, countyId, role });
export const userPrincipal = (userId: string, countyId: string, role: OperatorRole): Principal => ({ apiKeyId: null, userId, actor: `user:${userId}`, countyId, role });

/** Implemented by the module that owns API keys; infra only knows the shape. */
export interface ApiKeyResolver {
  resolve(secret: string): Promise<Principal | null>;
}

export const API_KEY_RESOLVER = Symbol('API_KEY_RESOLVER');

/** Implemented by the module that owns operator accounts: a console session cookie's principal, or null when it is unknown, expired or signed out. */
export interface SessionResolver {
  resolve(sessionToken: string): Promise<Principal | null>;
}

export const SESSION_RESOLVER = Symbol('SESSION_RESOLVER');

export const IS_PUBLIC = 'auth:public';
/** The route needs no operator key (health, docs, or its own scheme such as signed webhooks). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const IDENTIFIES_CALLER = 'auth:identifies-caller';
/**
 * A public route that says more to a caller with a valid operator key (health details): the key is
 * resolved when one is sent, and a missing or unknown key is simply an anonymous caller.
 */
export const PublicWithOptionalKey = () => applyDecorators(SetMetadata(IS_PUBLIC, true), SetMetadata(IDENTIFIES_CALLER, true));

export const ROLES = 'auth:roles';
/** Roles allowed on the route; without it every operator role may call (read access), platform keys may not. */
export const Roles = (...roles: OperatorRole[]) => SetMetadata(ROLES, roles);

export const WRITE_ROLES: OperatorRole[] = ['admin', 'dispatcher'];
export const OPERATOR_ROLES: OperatorRole[] = ['admin', 'dispatcher', 'viewer'];

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a public route');
  return request.principal;
});
