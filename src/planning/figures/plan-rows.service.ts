import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DEFAULT_HANDLING_COSTS, HandlingCosts } from '../../counties/handling-costs';
import { VehiclesService } from '../../fleet/vehicles.service';
import { ShipmentFacts, ShipmentFactsService } from '../../shipments/shipment-facts.service';
import { PlanDeferral } from '../consolidation/plan-deferral.entity';
import { BaselineRoute } from '../baseline/baseline-route.entity';
import { PlanRoute } from '../plan-route.entity';
import { Plan } from '../plan.entity';
import { FigureRoute, planFigures, PlanFigures, ScenarioRows } from './plan-figures';

/** A computed plan's stored rows, as figures and settlement read them. */
export interface StoredPlanRows {
  plan: Plan;
  handlingCosts: HandlingCosts;
  consolidated: ScenarioRows;
  baseline: ScenarioRows;
  /** The platform of each baseline route, by route id. */
  baselinePlatformOf: Map<string, string>;
  /** Every shipment on a village stop of either scenario or left open by either, by id. */
  shipments: Map<string, ShipmentFacts>;
}

/**
 * Reads what a plan's figures and settlement are computed from: its stored routes and stops (with
 * their vehicles' capacities), its baseline routes and stops, and the shipments on them. Nothing is
 * taken from the solver's report.
 */
@Injectable()
export class PlanRowsService {
  constructor(
    @InjectRepository(PlanRoute) private readonly routes: Repository<PlanRoute>,
    @InjectRepository(BaselineRoute) private readonly baselineRoutes: Repository<BaselineRoute>,
    @InjectRepository(PlanDeferral) private readonly deferrals: Repository<PlanDeferral>,
    private readonly vehicles: VehiclesService,
    private readonly shipmentFacts: ShipmentFactsService,
  ) {}

  /** Null when the plan is not computed (its rows are not the plan's yet). */
  async load(plan: Plan): Promise<StoredPlanRows | null> {
    if (plan.status !== 'computed') return null;
    const routes = await this.routes.find({ where: { planId: plan.id }, relations: { stops: true }, order: { routeNumber: 'ASC', stops: { sequence: 'ASC' } } });
    const baseline = await this.baselineRoutes.find({ where: { planId: plan.id }, relations: { stops: true }, order: { routeNumber: 'ASC', stops: { sequence: 'ASC' } } });
    // Capacities as the vehicles have them now: a plan keeps no copy of its vehicles.
    const capacityOf = new Map((await this.vehicles.list(plan.countyId)).map((vehicle) => [vehicle.id, vehicle]));
    const consolidatedRoutes = routes.map((route): FigureRoute => {
      const vehicle = capacityOf.get(route.vehicleId);
      return {
        id: route.id,
        tier: route.echelon,
        costFen: route.costFen,
        distanceM: route.distanceM,
        durationS: route.durationS,
        peakLoadWeightG: route.peakLoadWeightG,
        peakLoadParcels: route.peakLoadParcels,
        capacityWeightG: vehicle?.capacityWeightG ?? 0,
        capacityParcels: vehicle?.capacityParcels ?? 0,
        stops: route.stops ?? [],
      };
    });
    const baselineRoutes = baseline.map((route): FigureRoute => ({
      id: route.id,
      tier: 'last_mile',
      costFen: route.costFen,
      distanceM: route.distanceM,
      durationS: route.durationS,
      peakLoadWeightG: route.peakLoadWeightG,
      peakLoadParcels: route.peakLoadParcels,
      capacityWeightG: route.capacityWeightG,
      capacityParcels: route.capacityParcels,
      stops: (route.stops ?? []).map((stop) => ({ ...stop, kind: 'village' as const })),
    }));
    const leftOpen = plan.unassigned.map((entry) => entry.shipmentId);
    const baselineLeftOpen = plan.baselineUnassigned.map((entry) => entry.shipmentId);
    const onStops = [...consolidatedRoutes, ...baselineRoutes].flatMap((route) => route.stops.filter((stop) => stop.kind === 'village').flatMap((stop) => stop.shipmentIds));
    const facts = await this.shipmentFacts.factsOf(plan.countyId, [...onStops, ...leftOpen, ...baselineLeftOpen]);
    return {
      plan,
      handlingCosts: {
        hubSortFenPerParcel: plan.hubSortFenPerParcel ?? DEFAULT_HANDLING_COSTS.hubSortFenPerParcel,
        townshipHandoverFenPerParcel: plan.townshipHandoverFenPerParcel ?? DEFAULT_HANDLING_COSTS.townshipHandoverFenPerParcel,
      },
      // The baseline defers nothing: a carrier alone takes every parcel it has on the day.
      consolidated: { routes: consolidatedRoutes, leftOpenShipmentIds: leftOpen, deferredParcels: (await this.deferrals.sum('parcels', { planId: plan.id })) ?? 0 },
      baseline: { routes: baselineRoutes, leftOpenShipmentIds: baselineLeftOpen, deferredParcels: 0 },
      baselinePlatformOf: new Map(baseline.map((route) => [route.id, route.platformId])),
      shipments: new Map(facts.map((shipment) => [shipment.id, shipment])),
    };
  }

  /** The plan's figures from its stored rows; null while it is not computed. */
  async figures(plan: Plan): Promise<PlanFigures | null> {
    const rows = await this.load(plan);
    return rows && planFigures(rows.consolidated, rows.baseline, rows.shipments, rows.handlingCosts);
  }

  /** Several plans' rows (a county's settlement over a date range), in the plans' order. */
  async loadMany(plans: Plan[]): Promise<StoredPlanRows[]> {
    const rows: StoredPlanRows[] = [];
    for (const plan of plans) {
      const loaded = await this.load(plan);
      if (loaded) rows.push(loaded);
    }
    return rows;
  }
}
