import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { CountiesService } from '../../counties/counties.service';
import { Clock } from '../../infra/clock/clock';
import { notFound, validationFailed } from '../../infra/errors/domain-error';
import { DriverRoutesService, DriverRunRef } from '../../planning/driver-routes.service';
import { RouteDriverManifest, toRouteDriverManifest } from '../../planning/manifests/driver-manifest';
import { PreparedJson, prepareJson } from '../../planning/manifests/export-response';
import { ManifestSourceService, PlanManifestSource } from '../../planning/manifests/manifest-source.service';
import { DriverPrincipal } from '../auth/access-tokens';

/**
 * What changes a manifest without a plan event (a village renamed, a recipient's phone corrected
 * before dispatch) shows within this long; everything a plan event records shows at once.
 */
export const RUNS_CACHE_TTL_MS = 60_000;
/** A day's runs of a driver are tens of kilobytes: a few thousand drivers' days fit in some tens of megabytes. */
const RUNS_CACHE_MAX_ENTRIES = 2_000;

/**
 * A driver's runs of a day, each with the operators' driver manifest (the same shape, built by the same
 * function; phones whole: the driver calls the recipients). The answer is kept per process, compressed,
 * under the runs' plan revisions: an unchanged day costs one query and no JSON or gzip work.
 */
@Injectable()
export class DriverRunsService {
  /** Builds in flight are shared: sixteen phones asking at once for a day not yet cached cost one build, not sixteen. */
  private readonly cache = new LRUCache<string, Promise<PreparedJson>>({ max: RUNS_CACHE_MAX_ENTRIES, ttl: RUNS_CACHE_TTL_MS });

  constructor(
    private readonly routes: DriverRoutesService,
    private readonly sources: ManifestSourceService,
    private readonly counties: CountiesService,
    private readonly clock: Clock,
  ) {}

  async runs(driver: DriverPrincipal, date: string | undefined): Promise<PreparedJson> {
    const serviceDate = date ?? this.clock.today((await this.counties.get(driver.countyId)).timeZone);
    assertDate(serviceDate);
    const refs = await this.routes.runsOf(driver.countyId, driver.driverId, serviceDate);
    const key = `${driver.driverId}|${serviceDate}|${refs.map((ref) => `${ref.routeId}@${ref.revision}`).join(',')}`;
    let prepared = this.cache.get(key);
    if (!prepared) {
      prepared = this.build(driver, serviceDate, refs);
      this.cache.set(key, prepared);
      prepared.catch(() => this.cache.delete(key));
    }
    return prepared;
  }

  private async build(driver: DriverPrincipal, serviceDate: string, refs: DriverRunRef[]): Promise<PreparedJson> {
    const runs = [];
    for (const ref of refs) {
      const source = (await this.sources.forPlan(driver.countyId, ref.planId, ref.routeId)).routes[0]!;
      runs.push({ routeId: ref.routeId, planId: ref.planId, status: source.route.status, manifest: toRouteDriverManifest(source, false) });
    }
    const prepared = prepareJson({ serviceDate, driverId: driver.driverId, runs });
    prepared.gzip();
    return prepared;
  }

  /** One of the driver's own routes (of a published or completed plan); any other route is not found, never forbidden. */
  async manifest(driver: DriverPrincipal, routeId: string): Promise<{ source: PlanManifestSource; manifest: RouteDriverManifest }> {
    const route = (await this.routes.contexts(driver.countyId, [routeId])).get(routeId);
    if (!route || route.driverId !== driver.driverId || !['published', 'completed'].includes(route.planLifecycle)) throw notFound('route', routeId);
    const source = await this.sources.forPlan(driver.countyId, route.planId, routeId);
    return { source, manifest: toRouteDriverManifest(source.routes[0]!, false) };
  }
}

function assertDate(value: string): void {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw validationFailed(`date ${value} is not a calendar date`, [{ field: 'date', message: 'must be a date, YYYY-MM-DD' }]);
  }
}
