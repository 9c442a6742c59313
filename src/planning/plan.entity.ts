import { Column, Entity, Index, OneToMany, Unique } from 'typeorm';
import { TimestampedCountyEntity } from '../counties/county-owned.base';
import type { ProblemStatistics, StartingRoute, UnassignedShipment } from './planner/wave-model';
import type { PlanRoute } from './plan-route.entity';
import type { BaselineUnassigned } from './baseline/baseline-model';
import type { OpenShipmentRemedy } from './remedies/remedy-model';
import type { LateShipment } from './consolidation/promise-outcomes';

/** How many shipments (and parcels) the plan leaves for a later day, by reason; each one is in plan_deferral. */
export interface DeferralSummary {
  shipments: number;
  parcels: number;
  byReason: Record<string, number>;
}

/** The computation's status: where the worker is with this version. */
export const PLAN_STATUSES = ['queued', 'running', 'computed', 'failed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/**
 * The plan's life as the dispatcher sees it, apart from its computation: a draft reserves nothing;
 * publishing reserves its vehicles' time and its shipments; a superseded or withdrawn plan is cancelled.
 */
export const PLAN_LIFECYCLES = ['draft', 'published', 'completed', 'cancelled'] as const;
export type PlanLifecycle = (typeof PLAN_LIFECYCLES)[number];

/**
 * One version of one planning run: a county's open shipments for one wave of one service date,
 * turned into routes. Replanning a published plan writes a new row with the next version.
 */
/** Wall time of a plan's phases in the worker, ms: loading inputs, the consolidated solve (matrices included), the baseline, the remedies. */
export interface PlanPhasesMs {
  loading: number;
  consolidated: number;
  baseline: number;
  remedies: number;
}

@Entity()
@Unique(['countyId', 'serviceDate', 'wave', 'version'])
@Index(['countyId', 'createdAt'])
export class Plan extends TimestampedCountyEntity {
  /** Local date (county time zone), YYYY-MM-DD. */
  @Column({ type: 'date' })
  serviceDate!: string;

  /** 1..9: several planning waves a day (morning trunk, afternoon top-up ...). */
  @Column({ type: 'smallint' })
  wave!: number;

  /** 1 for the wave's first plan, +1 for each replan of a published version. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /**
   * Goes up by one with every change to the plan or its routes (each plan_event row, appendPlanEvent
   * bumps it): an edit or publish made with `expectedRevision` is refused when it has moved on.
   * Only that SQL writes it (`update: false`), so saving a plan loaded earlier cannot set it back.
   */
  @Column({ type: 'integer', default: 0, update: false })
  revision!: number;

  /** The version this one replaces (null for version 1). */
  @Column({ type: 'uuid', nullable: true })
  supersedesPlanId!: string | null;

  @Column({ type: 'enum', enum: PLAN_STATUSES, default: 'queued' })
  status!: PlanStatus;

  @Column({ type: 'enum', enum: PLAN_LIFECYCLES, default: 'draft' })
  lifecycle!: PlanLifecycle;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Set by a scheduled wave of a county that publishes automatically: published once computed. */
  @Column({ type: 'boolean', default: false })
  publishWhenComputed!: boolean;

  /** The county's network version the plan was computed on; null until it runs. */
  @Column({ type: 'integer', nullable: true })
  networkVersion!: number | null;

  @Column({ type: 'integer' })
  seed!: number;

  @Column({ type: 'integer' })
  timeLimitS!: number;

  /** How many times a worker started this plan (retries and replans included). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'bigint', nullable: true })
  totalCostFen!: string | null;

  @Column({ type: 'integer', nullable: true })
  totalDistanceM!: number | null;

  @Column({ type: 'integer', nullable: true })
  totalDurationS!: number | null;

  @Column({ type: 'integer', nullable: true })
  parcels!: number | null;

  @Column({ type: 'integer', nullable: true })
  costPerParcelFen!: number | null;

  @Column({ type: 'integer', nullable: true })
  vehiclesUsed!: number | null;

  /** Shipments left open (for the next wave), each with the reason. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  unassigned!: UnassignedShipment[];

  /** Shipments the plan does not bring by their promise, each with the reason (never silently late). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  late!: LateShipment[];

  /** Null until computed. */
  @Column({ type: 'jsonb', nullable: true })
  deferredSummary!: DeferralSummary | null;

  @Column({ type: 'jsonb', nullable: true })
  statistics!: { runs: ProblemStatistics[]; shipmentsConsidered: number; matrixMethods: string[]; baselineRuns?: ProblemStatistics[]; phasesMs?: PlanPhasesMs } | null;

  /**
   * The county's handling costs per parcel when the plan was computed: the plan's figures and
   * settlement keep them, so a later change of the county's tariff does not rewrite a past day.
   */
  @Column({ type: 'integer', nullable: true })
  hubSortFenPerParcel!: number | null;

  @Column({ type: 'integer', nullable: true })
  townshipHandoverFenPerParcel!: number | null;

  /** Shipments of the plan that their carrier could not serve on its own in the baseline, with the reason. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  baselineUnassigned!: BaselineUnassigned[];

  /** When shipments are left open for lack of vehicles or time: what would serve them, re-solved and priced; null otherwise. */
  @Column({ type: 'jsonb', nullable: true })
  remedies!: OpenShipmentRemedy[] | null;

  /**
   * A replan in place starts from the routes it replaces, which it deletes before it is queued: kept
   * here until the replan is written (plan-requests.service.ts, plan-writer.ts). Null otherwise.
   */
  @Column({ type: 'jsonb', nullable: true })
  startingRoutes!: StartingRoute[] | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @OneToMany('PlanRoute', 'plan')
  routes?: PlanRoute[];
}
