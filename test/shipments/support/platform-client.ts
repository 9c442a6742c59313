import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import request from 'supertest';
import { PlatformsService } from '../../../src/integrations/platforms.service';
import { signedHeaders } from '../../../src/integrations/webhook-signature';

export interface TestPlatform {
  id: string;
  countyId: string;
  secret: string;
  apiKey: string | null;
  /** Signs and POSTs a body to the platform's webhook. */
  push(body: unknown, options?: { secret?: string; timestampS?: number; platformId?: string }): request.Test;
}

export async function createPlatform(app: INestApplicationContext, baseUrl: string, countyId: string, name = `platform-${randomUUID().slice(0, 8)}`): Promise<TestPlatform> {
  const { platform, webhookSecret, apiKeySecret } = await app.get(PlatformsService).ensure(countyId, name);
  return {
    id: platform.id,
    countyId,
    secret: webhookSecret,
    apiKey: apiKeySecret,
    push: (body, options = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const headers = signedHeaders(options.secret ?? webhookSecret, `msg_${randomUUID()}`, text, options.timestampS);
      return request(baseUrl)
        .post(`/v1/webhooks/${options.platformId ?? platform.id}/shipments`)
        .set(headers)
        .send(text);
    },
  };
}

let counter = 0;

/** A valid inbound shipment to a village code, with overrides. */
export function shipmentInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  const id = (overrides.id as string) ?? `S${Date.now().toString(36)}${counter}`;
  return {
    id,
    direction: 'inbound',
    serviceLevel: 'standard',
    contact: { name: '王小明', phone: '13800138000' },
    destination: { villageCode: '621225100201' },
    parcels: [{ barcode: `${id}-1`, weightG: 1200, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' }, declaredValueFen: 5900 }],
    ...overrides,
  };
}
