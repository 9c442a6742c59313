import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { webhookBodySchema } from './webhook-body.dto';

type Schemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

/** Where the intake's schemas live in the OpenAPI document; the controller's @ApiBody points here. */
export const WEBHOOK_BODY_SCHEMA_REF = '#/components/schemas/WebhookShipmentsBody';

/**
 * The OpenAPI schemas of the intake (WebhookShipmentsBody, ShipmentInput, CancelInput), generated
 * from the zod schemas that validate it, so the document cannot drift from what the API accepts.
 */
export function intakeOpenApiSchemas(): Schemas {
  void webhookBodySchema; // imported for its side effect: the schemas with an id are registered.
  const { schemas } = z.toJSONSchema(z.globalRegistry, { target: 'openapi-3.0', io: 'input', uri: (id) => `#/components/schemas/${id}` });
  // OpenAPI 3.0 schema objects have no $id.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $id: _id, ...schema }]) => [id, schema])) as Schemas;
}
