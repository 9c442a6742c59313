import { planWave, WavePlannerDependencies } from '../planner/wave-planner';
import { vehiclesAfterRoutes } from '../planner/vehicles-after-routes';
import { PlanUnassignedReason, WaveInput, WavePlan, WaveVehicle } from '../planner/wave-model';
import { OpenShipmentRemedy, RemedyChange } from './remedy-model';

/** The reasons a change of fleet or timetable can cure; a parcel too big, a closed or unreachable village cannot be. */
const FIXABLE: ReadonlySet<PlanUnassignedReason> = new Set(['no_vehicle', 'time_window', 'max_duration']);

/** How much earlier the hub's vehicles leave in the `earlier_trunk_start` re-solve. */
export const EARLIER_TRUNK_START_S = 3600;

/** Share of the remedies' time budget per re-solve: the two whole-day re-solves, then the small follow-on wave. */
const TIME_SHARES: Record<RemedyChange, number> = { extra_hub_van: 0.4, earlier_trunk_start: 0.4, second_trunk_trip: 0.2 };

/**
 * When the plan leaves shipments open for lack of vehicles or time, says what would serve them, by
 * re-solving the day with one change each, with the same seed and the planner itself, and pricing it
 * against the plan: one more van at the hub; the hub's vehicles leaving an hour earlier; a second
 * trunk trip, i.e. every vehicle going out again after its last return (the trunk topping up the
 * stations, their vehicles running again) for the open shipments only. Returns null when nothing is
 * open for those reasons: the re-solves run only then, within `timeLimitMs` together.
 */
export async function findRemedies(input: WaveInput, plan: WavePlan, deps: WavePlannerDependencies, timeLimitMs: number): Promise<OpenShipmentRemedy[] | null> {
  const openIds = new Set(plan.unassigned.filter((entry) => FIXABLE.has(entry.reason)).map((entry) => entry.shipmentId));
  if (openIds.size === 0) return null;
  const shipmentsById = new Map(input.shipments.map((shipment) => [shipment.id, shipment]));
  const hubVehicles = input.vehicles.filter((vehicle) => vehicle.homeNodeId === input.hubNodeId);
  const quiet: WavePlannerDependencies = { matrices: deps.matrices, solve: deps.solve };
  const remedies: OpenShipmentRemedy[] = [];

  const parcelsOf = (ids: string[]) => ids.reduce((total, id) => total + shipmentsById.get(id)!.parcelCount, 0);
  const price = (change: RemedyChange, resolved: WavePlan, extraCostFen: number): OpenShipmentRemedy => {
    const planned = new Set(resolved.plannedShipmentIds);
    const served = [...openIds].filter((id) => planned.has(id));
    // The follow-on wave plans the open shipments only: it cannot drop any of the plan's.
    const dropped = change === 'second_trunk_trip' ? [] : plan.plannedShipmentIds.filter((id) => !planned.has(id));
    const netParcels = parcelsOf(served) - parcelsOf(dropped);
    return {
      change,
      description: DESCRIPTIONS[change],
      openShipments: openIds.size,
      servedShipments: served.length,
      servedParcels: parcelsOf(served),
      newlyOpenShipments: dropped.length,
      newlyOpenParcels: parcelsOf(dropped),
      extraCostFen,
      extraCostPerServedParcelFen: netParcels > 0 ? Math.round(extraCostFen / netParcels) : null,
    };
  };
  const resolve = (change: RemedyChange, changed: Partial<WaveInput>) => planWave({ ...input, ...changed, timeLimitMs: timeLimitMs * TIME_SHARES[change] }, quiet);

  const template = extraVanTemplate(hubVehicles);
  if (template) {
    const extra: WaveVehicle = { ...template, id: `${template.id}+remedy`, code: `${template.code}+1` };
    const resolved = await resolve('extra_hub_van', { vehicles: [...input.vehicles, extra] });
    remedies.push(price('extra_hub_van', resolved, resolved.totals.costFen - plan.totals.costFen));
  }
  if (hubVehicles.length > 0) {
    const earlier = input.vehicles.map((vehicle) =>
      vehicle.homeNodeId === input.hubNodeId ? { ...vehicle, shiftStartS: Math.max(0, vehicle.shiftStartS - EARLIER_TRUNK_START_S) } : vehicle,
    );
    const resolved = await resolve('earlier_trunk_start', { vehicles: earlier });
    remedies.push(price('earlier_trunk_start', resolved, resolved.totals.costFen - plan.totals.costFen));
  }
  const followOn = await resolve('second_trunk_trip', {
    vehicles: vehiclesAfterRoutes(input, plan.routes),
    shipments: input.shipments.filter((shipment) => openIds.has(shipment.id)),
  });
  // Routes of the follow-on wave that end up carrying nothing (a trunk drop whose last mile cannot go) would not run.
  const carrying = followOn.routes.filter((route) => route.stops.some((stop) => stop.shipmentIds.length > 0));
  remedies.push(
    price(
      'second_trunk_trip',
      followOn,
      carrying.reduce((total, route) => total + route.costFen, 0),
    ),
  );
  return remedies;
}

const DESCRIPTIONS: Record<RemedyChange, string> = {
  extra_hub_van: '县中心增加一辆面包车 / one more van at the hub',
  earlier_trunk_start: '干线车辆提前一小时出发 / the hub vehicles leave an hour earlier',
  second_trunk_trip: '干线第二趟补送乡镇站，站点车辆再出车 / a second trunk trip to the stations, their vehicles going out again',
};

/** The hub's van (the smallest code) if it has one, else its first vehicle by code: what "one more van" copies. */
function extraVanTemplate(hubVehicles: WaveVehicle[]): WaveVehicle | undefined {
  const byCode = [...hubVehicles].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return byCode.find((vehicle) => vehicle.vehicleClass === 'van') ?? byCode[0];
}
