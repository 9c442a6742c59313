import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../../infra/database/prepared-query';
import { toRouteDriverManifest } from './driver-manifest';
import { PreparedJson, prepareJson } from './export-response';
import { ManifestSourceService } from './manifest-source.service';
import { PreparedJsonCache } from './prepared-json-cache';
import { ROUTE_MANIFEST_FINGERPRINT } from './route-manifest-fingerprint';

/**
 * Route manifests as JSON ready to send, kept per process under the fingerprint of everything they
 * print: a manifest read again while nothing it prints changed costs one small query, not the loading,
 * formatting, serialising and gzipping of its route (about 15 ms of CPU for a 67-shipment route).
 */
@Injectable()
export class PreparedManifestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sources: ManifestSourceService,
    private readonly cache: PreparedJsonCache,
  ) {}

  /** The route's driver manifest (GET .../routes/{routeId}/manifest), phones masked or whole. */
  async route(countyId: string, planId: string, routeId: string, maskPhones: boolean): Promise<PreparedJson> {
    const [row] = await preparedQuery<{ fingerprint: string }>(
      this.dataSource,
      'route-manifest-fingerprint',
      `SELECT ${ROUTE_MANIFEST_FINGERPRINT.column} FROM plan p JOIN plan_route r ON r.plan_id = p.id ${ROUTE_MANIFEST_FINGERPRINT.laterals}
        WHERE p.county_id = $1 AND p.id = $2 AND r.id = $3`,
      [countyId, planId, routeId],
    );
    const build = async () => toRouteDriverManifest((await this.sources.forPlan(countyId, planId, routeId)).routes[0]!, maskPhones);
    // No such route of this plan in this county: the build answers with the not-found it always gave.
    if (!row) return prepareJson(await build());
    return this.cache.get(`route:${routeId}:${maskPhones ? 'masked' : 'whole'}`, row.fingerprint, build);
  }
}
