import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** OpenAPI shape of the problem+json body the global filter writes (RFC 7807 + `code`). */
export class ProblemDetailsSchema {
  @ApiProperty({ example: 'https://rural-dispatch.dev/problems/validation_failed' }) type!: string;
  @ApiProperty({ example: 'validation failed' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'shipments[0].parcels[0].weightG: weightG must not be less than 1' }) detail!: string;
  @ApiProperty({ example: 'validation_failed', description: 'stable machine-readable reason' }) code!: string;
  @ApiPropertyOptional({ example: '/v1/webhooks/…/shipments' }) instance?: string;
  @ApiPropertyOptional({ example: [{ field: 'shipments[0].parcels[0].weightG', message: 'weightG must not be less than 1' }] })
  errors?: Array<{ field: string; message: string }>;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'validation_failed or malformed_body: the request is not valid; nothing was written',
  401: 'unauthenticated: missing/unknown key, or a bad/stale webhook signature',
  403: 'forbidden: the key lacks the role, or belongs to another county',
  404: 'not_found',
  409: 'conflict (same id, different content), illegal_transition, stale_version (a newer version or revision exists) or idempotency_in_progress (the same Idempotency-Key is still running)',
  413: "payload_too_large: body over the route's limit",
  415: 'unsupported_media_type: a Content-Type the endpoint does not take',
  429: 'rate_limited: over a request budget (RateLimit-* headers; Retry-After)',
  503: 'unavailable: the database or queue cannot be reached; retry after Retry-After',
};

/** Documents the listed problem+json responses of an endpoint. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsSchema),
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'error', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } } }),
    ),
  );
}
