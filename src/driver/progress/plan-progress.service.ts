import { Injectable } from '@nestjs/common';
import { CountiesService } from '../../counties/counties.service';
import { DriverRoutesService } from '../../planning/driver-routes.service';
import { PlanRequestsService } from '../../planning/plan-requests.service';
import { ParcelReportsService } from '../../shipments/parcel-reports.service';
import { StoredEventsService } from '../events/stored-events.service';
import { planProgress } from './plan-progress';
import { PlanProgressResponse } from './plan-progress.response';

/** Loads a plan, its routes, its parcels and its drivers' reports for planProgress(). */
@Injectable()
export class PlanProgressService {
  constructor(
    private readonly plans: PlanRequestsService,
    private readonly routes: DriverRoutesService,
    private readonly events: StoredEventsService,
    private readonly parcels: ParcelReportsService,
    private readonly counties: CountiesService,
  ) {}

  async progress(countyId: string, planId: string): Promise<PlanProgressResponse> {
    const plan = await this.plans.get(countyId, planId);
    const routes = await this.routes.routesOfPlan(countyId, planId);
    const shipmentIds = [...new Set(routes.flatMap((route) => route.stops.flatMap((stop) => stop.shipmentIds)))];
    return planProgress({
      timeZone: (await this.counties.get(countyId)).timeZone,
      plan,
      routes,
      events: await this.events.ofRoutes(routes.map((route) => route.id)),
      parcelsByShipment: await this.parcels.parcelsOf(countyId, shipmentIds),
    });
  }
}
