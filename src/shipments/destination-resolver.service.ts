import { Injectable } from '@nestjs/common';
import { NetworkQueryService } from '../network/network-query.service';
import { ResolutionMethod, DestinationInput } from './shipment.entity';

export interface ResolvedDestination {
  villageNodeId: string | null;
  resolvedBy: ResolutionMethod | null;
  /** Null when resolved; otherwise why an operator must look at it. */
  attentionReason: string | null;
}

/** How far a coordinate may be from a village point and still be that village's. */
export const COORDINATE_MATCH_RADIUS_M = 3000;
const CODE_CACHE_TTL_MS = 30_000;
const CODE_CACHE_MAX = 50_000;

/**
 * Turns what a platform wrote into a village point: the 12-digit code, else the nearest village point
 * within the radius, else the names. Failure is a reason, never an exception: the shipment is kept.
 */
@Injectable()
export class DestinationResolverService {
  /** Code lookups dominate intake and codes repeat across shipments; a short TTL bounds staleness. */
  private readonly byCode = new Map<string, { villageNodeId: string | null; expiresAt: number }>();

  constructor(private readonly network: NetworkQueryService) {}

  async resolve(countyId: string, destination: DestinationInput): Promise<ResolvedDestination> {
    const reasons: string[] = [];
    if (destination.villageCode) {
      const villageNodeId = await this.villageByCode(countyId, destination.villageCode);
      if (villageNodeId) return { villageNodeId, resolvedBy: 'admin_code', attentionReason: null };
      reasons.push(`village code ${destination.villageCode} matches no village point in this county`);
    }
    if (destination.coordinate) {
      const [lon, lat] = destination.coordinate;
      const nearest = await this.network.nearestVillagePoint(countyId, lon, lat, COORDINATE_MATCH_RADIUS_M);
      if (nearest) return { villageNodeId: nearest.id, resolvedBy: 'coordinate', attentionReason: null };
      reasons.push(`no village point within ${COORDINATE_MATCH_RADIUS_M} m of [${lon}, ${lat}]`);
    }
    const village = destination.address?.village;
    if (village) {
      const matches = await this.network.findVillagesByName(countyId, { township: destination.address?.township, village });
      if (matches.length === 1) return { villageNodeId: matches[0]!.id, resolvedBy: 'name', attentionReason: null };
      reasons.push(
        matches.length === 0
          ? `no village named ${village}${destination.address?.township ? ` in ${destination.address.township}` : ''}`
          : `village name ${village} is ambiguous (${matches.length} matches); give the township`,
      );
    }
    if (reasons.length === 0) reasons.push('destination has no village code, coordinate or village name');
    return { villageNodeId: null, resolvedBy: null, attentionReason: reasons.join('; ').slice(0, 300) };
  }

  private async villageByCode(countyId: string, code: string): Promise<string | null> {
    const key = `${countyId}:${code}`;
    const cached = this.byCode.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.villageNodeId;
    const village = await this.network.findVillageByAdminCode(countyId, code);
    if (this.byCode.size >= CODE_CACHE_MAX) this.byCode.clear();
    this.byCode.set(key, { villageNodeId: village?.id ?? null, expiresAt: Date.now() + CODE_CACHE_TTL_MS });
    return village?.id ?? null;
  }
}
