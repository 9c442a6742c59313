import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export type OperatorRole = 'admin' | 'dispatcher' | 'viewer' | 'platform';

/** Who is calling: an operator key, always bound to exactly one county. */
export interface Principal {
  apiKeyId: string;
  countyId: string;
  role: OperatorRole;
}

/** Implemented by the module that owns API keys; infra only knows the shape. */
export interface ApiKeyResolver {
  resolve(secret: string): Promise<Principal | null>;
}

export const API_KEY_RESOLVER = Symbol('API_KEY_RESOLVER');

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
