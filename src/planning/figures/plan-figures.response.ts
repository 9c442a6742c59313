import { ApiProperty } from '@nestjs/swagger';
import { REMEDY_CHANGES } from '../remedies/remedy-model';

/** OpenAPI shapes of a plan's figures (plan-figures.ts computes them; the JSON is that object as it is). */

class LoadFactorResponse {
  @ApiProperty({ example: 0.62, description: 'peak weight on board / weight capacity' }) weight!: number;
  @ApiProperty({ example: 0.55, description: 'peak parcels on board / parcel capacity' }) parcels!: number;
}

class RouteLoadFactorResponse extends LoadFactorResponse {
  @ApiProperty({ format: 'uuid', description: 'a route of the plan, or of its baseline' }) routeId!: string;
  @ApiProperty({ enum: ['trunk', 'last_mile'] }) tier!: string;
}

class TierFiguresResponse {
  @ApiProperty() routes!: number;
  @ApiProperty({ description: 'fen; the total includes the handling cost' }) costFen!: number;
  @ApiProperty() distanceM!: number;
  @ApiProperty() durationS!: number;
  @ApiProperty({ example: 31.25, description: 'durationS in hours' }) vehicleHours!: number;
  @ApiProperty({ description: "parcels handed over or collected by the tier's routes; in the total, at villages, each parcel once" }) parcels!: number;
  @ApiProperty({ type: Number, nullable: true }) costPerParcelFen!: number | null;
  @ApiProperty({ type: LoadFactorResponse, nullable: true, description: 'peak loads summed over capacities summed (weighted by capacity)' }) loadFactor!: LoadFactorResponse | null;
}

class TiersResponse {
  @ApiProperty({ type: TierFiguresResponse }) trunk!: TierFiguresResponse;
  @ApiProperty({ type: TierFiguresResponse }) lastMile!: TierFiguresResponse;
}

class HandlingResponse {
  @ApiProperty() hubSortParcels!: number;
  @ApiProperty() townshipHandoverParcels!: number;
  @ApiProperty({ description: 'fen' }) costFen!: number;
}

class ScenarioFiguresResponse {
  @ApiProperty({ type: TiersResponse }) tiers!: TiersResponse;
  @ApiProperty({ type: HandlingResponse, description: 'per-parcel handling at the transfers (zero in the baseline)' }) handling!: HandlingResponse;
  @ApiProperty({ type: TierFiguresResponse }) total!: TierFiguresResponse;
  @ApiProperty({ type: [RouteLoadFactorResponse] }) routeLoadFactors!: RouteLoadFactorResponse[];
  @ApiProperty({ description: 'parcels whose planned arrival is after their promisedBy' }) parcelsLate!: number;
  @ApiProperty({ description: 'parcels of shipments left open (unassigned)' }) parcelsLeftOpen!: number;
  @ApiProperty({ description: 'parcels moved to a later service day' }) parcelsDeferred!: number;
}

class HandlingCostsResponse {
  @ApiProperty({ example: 15 }) hubSortFenPerParcel!: number;
  @ApiProperty({ example: 10 }) townshipHandoverFenPerParcel!: number;
}

class HandlingSensitivityResponse {
  @ApiProperty({ example: 0.5, description: 'the handling costs times this' }) factor!: number;
  @ApiProperty() consolidatedCostFen!: number;
  @ApiProperty({ type: Number, nullable: true }) consolidatedCostPerParcelFen!: number | null;
  @ApiProperty({ type: Number, nullable: true }) savingPercent!: number | null;
}

export class PlanFiguresResponse {
  @ApiProperty({ type: HandlingCostsResponse, description: "the county's handling costs when the plan was computed" }) handlingCosts!: HandlingCostsResponse;
  @ApiProperty({ type: ScenarioFiguresResponse }) consolidated!: ScenarioFiguresResponse;
  @ApiProperty({ type: ScenarioFiguresResponse, description: 'the same parcels, each carrier alone from the hub (the baseline)' }) baseline!: ScenarioFiguresResponse;
  @ApiProperty({ type: Number, nullable: true, example: 41.3, description: "1 - consolidated cost per parcel / baseline's, in percent" }) savingPercent!: number | null;
  @ApiProperty({ type: [HandlingSensitivityResponse], description: 'the saving with the handling costs × 0.5, × 1, × 2' }) handlingSensitivity!: HandlingSensitivityResponse[];
}

export class OpenShipmentRemedyResponse {
  @ApiProperty({ enum: REMEDY_CHANGES }) change!: string;
  @ApiProperty({ example: '县中心增加一辆面包车 / one more van at the hub' }) description!: string;
  @ApiProperty({ description: 'shipments left open for lack of vehicles or time' }) openShipments!: number;
  @ApiProperty() servedShipments!: number;
  @ApiProperty() servedParcels!: number;
  @ApiProperty({ description: 'shipments the plan serves that the re-solve leaves open' }) newlyOpenShipments!: number;
  @ApiProperty() newlyOpenParcels!: number;
  @ApiProperty({ description: "fen: the re-solve's route cost minus the plan's (two heuristic solves: may be negative)" }) extraCostFen!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'fen per parcel served in net (served less newly open)' }) extraCostPerServedParcelFen!: number | null;
}

export class BaselineUnassignedResponse {
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ format: 'uuid' }) villageNodeId!: string;
  @ApiProperty({ example: 'time_window' }) reason!: string;
}
