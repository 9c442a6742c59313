import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { NetworkQueryService } from '../network/network-query.service';
import { PlatformsService } from '../integrations/platforms.service';
import { signedHeaders } from '../integrations/webhook-signature';
import { DemoVillage, generateDemoShipments } from './demo-shipment-generator';

export const DEMO_PLATFORM_NAME = 'Demo e-commerce platform';

export interface DemoPushOptions {
  /** Local date (YYYY-MM-DD) the shipments belong to: the caller's today, from the Clock. */
  date: string;
  count?: number;
  seed?: number;
  batchSize?: number;
}

export interface DemoPushResult {
  platformId: string;
  total: number;
  accepted: number;
  duplicates: number;
  needsAttention: number;
}

async function loadVillages(network: NetworkQueryService, countyId: string): Promise<DemoVillage[]> {
  const townships = new Map<string, string>();
  const villages: DemoVillage[] = [];
  for (const tier of ['township_station', 'village_point'] as const) {
    let cursor: string | undefined;
    do {
      const page = await network.listNodes(countyId, { tier, limit: 1000, cursor });
      for (const node of page.items) {
        if (tier === 'township_station') townships.set(node.id, node.name);
        else
          villages.push({
            adminCode: node.adminCode,
            name: node.name,
            townshipName: node.parentId ? (townships.get(node.parentId) ?? null) : null,
            lon: node.location.coordinates[0]!,
            lat: node.location.coordinates[1]!,
          });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return villages;
}

/**
 * Pushes the demo county's shipments through the real signed webhook, exactly as a platform would.
 * Registers the demo platform once; re-running the same day only produces duplicates.
 */
export async function pushDemoShipments(baseUrl: string, countyId: string, app: INestApplicationContext, options: DemoPushOptions): Promise<DemoPushResult> {
  const { platform, webhookSecret } = await app.get(PlatformsService).ensure(countyId, DEMO_PLATFORM_NAME);
  const villages = await loadVillages(app.get(NetworkQueryService), countyId);
  if (villages.length === 0) throw new Error(`county ${countyId} has no village points; seed the network first`);
  const shipments = generateDemoShipments(villages, { date: options.date, count: options.count ?? 400, seed: options.seed ?? 20_261_129 });
  const result: DemoPushResult = { platformId: platform.id, total: shipments.length, accepted: 0, duplicates: 0, needsAttention: 0 };
  const batchSize = options.batchSize ?? 100;
  for (let start = 0; start < shipments.length; start += batchSize) {
    const body = JSON.stringify({ shipments: shipments.slice(start, start + batchSize) });
    const response = await fetch(`${baseUrl.replace(/\/$/, '')}/v1/webhooks/${platform.id}/shipments`, {
      method: 'POST',
      headers: signedHeaders(webhookSecret, `msg_${randomUUID()}`, body),
      body,
    });
    if (!response.ok) throw new Error(`demo push failed: HTTP ${response.status} ${await response.text()}`);
    const answer = (await response.json()) as { accepted: number; duplicates: number; needsAttention: number };
    result.accepted += answer.accepted;
    result.duplicates += answer.duplicates;
    result.needsAttention += answer.needsAttention;
  }
  return result;
}
