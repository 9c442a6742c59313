import { Injectable } from '@nestjs/common';
import { CountiesService } from '../../counties/counties.service';
import { Clock } from '../../infra/clock/clock';
import { notFound, validationFailed } from '../../infra/errors/domain-error';
import { DriverRoutesService, DriverRunRef, RouteContext } from '../../planning/driver-routes.service';
import { RouteDriverManifest, toRouteDriverManifest } from '../../planning/manifests/driver-manifest';
import { PreparedJson } from '../../planning/manifests/export-response';
import { ManifestSourceService, PlanManifestSource } from '../../planning/manifests/manifest-source.service';
import { PreparedJsonCache } from '../../planning/manifests/prepared-json-cache';
import { PreparedManifestsService } from '../../planning/manifests/prepared-manifests.service';
import { DriverPrincipal } from '../auth/access-tokens';

/**
 * A driver's runs of a day, each with the operators' driver manifest (the same shape, built by the same
 * function; phones whole: the driver calls the recipients). The answer is kept prepared (JSON, gzip,
 * ETag) under the fingerprints of its routes' manifests, read with the runs in one query: an unchanged
 * day costs that query and no JSON or gzip work, and any change to what it prints shows at once.
 */
@Injectable()
export class DriverRunsService {
  constructor(
    private readonly routes: DriverRoutesService,
    private readonly sources: ManifestSourceService,
    private readonly prepared: PreparedManifestsService,
    private readonly cache: PreparedJsonCache,
    private readonly counties: CountiesService,
    private readonly clock: Clock,
  ) {}

  async runs(driver: DriverPrincipal, date: string | undefined): Promise<PreparedJson> {
    const serviceDate = date ?? this.clock.today((await this.counties.get(driver.countyId)).timeZone);
    assertDate(serviceDate);
    const refs = await this.routes.runsOf(driver.countyId, driver.driverId, serviceDate);
    const fingerprint = refs.map((ref) => `${ref.routeId}@${ref.fingerprint}`).join(',');
    return this.cache.get(`runs:${driver.driverId}:${serviceDate}`, fingerprint, () => this.build(driver, serviceDate, refs));
  }

  private async build(driver: DriverPrincipal, serviceDate: string, refs: DriverRunRef[]): Promise<unknown> {
    const runs = [];
    for (const ref of refs) {
      const source = (await this.sources.forPlan(driver.countyId, ref.planId, ref.routeId)).routes[0]!;
      runs.push({ routeId: ref.routeId, planId: ref.planId, status: source.route.status, manifest: toRouteDriverManifest(source, false) });
    }
    return { serviceDate, driverId: driver.driverId, runs };
  }

  /** One of the driver's own routes (of a published or completed plan); any other route is not found, never forbidden. */
  async manifest(driver: DriverPrincipal, routeId: string): Promise<{ source: PlanManifestSource; manifest: RouteDriverManifest }> {
    const route = await this.ownRoute(driver, routeId);
    const source = await this.sources.forPlan(driver.countyId, route.planId, routeId);
    return { source, manifest: toRouteDriverManifest(source.routes[0]!, false) };
  }

  /** The same manifest as JSON ready to send, kept with the operators' copy of it (phones whole). */
  async preparedManifest(driver: DriverPrincipal, routeId: string): Promise<PreparedJson> {
    const route = await this.ownRoute(driver, routeId);
    return this.prepared.route(driver.countyId, route.planId, routeId, false);
  }

  private async ownRoute(driver: DriverPrincipal, routeId: string): Promise<RouteContext> {
    const route = (await this.routes.contexts(driver.countyId, [routeId])).get(routeId);
    if (!route || route.driverId !== driver.driverId || !['published', 'completed'].includes(route.planLifecycle)) throw notFound('route', routeId);
    return route;
  }
}

function assertDate(value: string): void {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw validationFailed(`date ${value} is not a calendar date`, [{ field: 'date', message: 'must be a date, YYYY-MM-DD' }]);
  }
}
