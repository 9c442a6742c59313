import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

/**
 * The OpenAPI description every operator controller shares: its tag, the bearer API key, and the
 * 401/403 answers of the key guard (an unknown key; another county's id, or a role that may not write),
 * and its 429 (docs/security.md).
 */
export function OperatorApi(tag: string, forbidden = "another county's id, or a role that may not write (problem+json)"): ClassDecorator {
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'missing or unknown API key (problem+json)' }),
    ApiForbiddenResponse({ description: forbidden }),
    ApiTooManyRequestsResponse({ description: "over the key's or the address's request budget: Retry-After and RateLimit-* headers (problem+json)" }),
  );
}
