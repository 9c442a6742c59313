import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { NetworkQueryService } from '../network/network-query.service';
import { PlatformsService } from '../integrations/platforms.service';
import { signedHeaders } from '../integrations/webhook-signature';
import { DemoVillage, generateDemoShipments } from './demo-shipment-generator';

/**
 * The demo's day comes from five platforms (e-commerce sites and carriers), shipment by shipment in
 * turn, so that every carrier has parcels all over the county: the baseline plans each one's own
 * routes and the settlement shares the day's cost among them.
 */
export const DEMO_PLATFORM_NAMES = [
  '示范电商甲 Demo shop A',
  '示范电商乙 Demo shop B',
  '示范快递丙 Demo express C',
  '示范快递丁 Demo express D',
  '示范物流戊 Demo logistics E',
] as const;

export interface DemoPushOptions {
  /** Local date (YYYY-MM-DD) the shipments belong to: the caller's today, from the Clock. */
  date: string;
  count?: number;
  seed?: number;
  batchSize?: number;
}

export interface DemoPushResult {
  platformIds: string[];
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
 * Pushes the demo county's shipments through the real signed webhook, exactly as the platforms would.
 * Registers the demo platforms once; re-running the same day only produces duplicates.
 */
export async function pushDemoShipments(baseUrl: string, countyId: string, app: INestApplicationContext, options: DemoPushOptions): Promise<DemoPushResult> {
  const platforms = [];
  for (const name of DEMO_PLATFORM_NAMES) platforms.push(await app.get(PlatformsService).ensure(countyId, name));
  const villages = await loadVillages(app.get(NetworkQueryService), countyId);
  if (villages.length === 0) throw new Error(`county ${countyId} has no village points; seed the network first`);
  const shipments = generateDemoShipments(villages, { date: options.date, count: options.count ?? 400, seed: options.seed ?? 20_261_129 });
  const result: DemoPushResult = { platformIds: platforms.map(({ platform }) => platform.id), total: shipments.length, accepted: 0, duplicates: 0, needsAttention: 0 };
  const batchSize = options.batchSize ?? 100;
  for (const [position, { platform, webhookSecret }] of platforms.entries()) {
    const own = shipments.filter((_shipment, index) => index % platforms.length === position);
    for (let start = 0; start < own.length; start += batchSize) {
      const body = JSON.stringify({ shipments: own.slice(start, start + batchSize) });
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
  }
  return result;
}
