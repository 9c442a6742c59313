import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CountiesModule } from '../counties/counties.module';
import { FleetModule } from '../fleet/fleet.module';
import { QueueName } from '../infra/queue/queue-names';
import { NetworkModule } from '../network/network.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { PlanRoute } from './plan-route.entity';
import { PlanStop } from './plan-stop.entity';
import { Plan } from './plan.entity';
import { PlanEvent } from './plan-event.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { IdempotencyService } from './idempotency.service';
import { PlanPublishingService } from './plan-publishing.service';
import { PlanRouteEditsService } from './plan-route-edits.service';
import { WaveSchedule } from './wave-schedule.entity';
import { WaveSchedulesService } from './wave-schedules.service';
import { WaveSchedulesController } from './wave-schedules.controller';
import { PlanningInputsService } from './planning-inputs.service';
import { PlanComputationService } from './plan-computation.service';
import { ManifestSourceService } from './manifests/manifest-source.service';
import { PreparedJsonCache } from './manifests/prepared-json-cache';
import { PreparedManifestsService } from './manifests/prepared-manifests.service';
import { ManifestsController } from './manifests/manifests.controller';
import { PlansController } from './plans.controller';
import { PlanStopEditsController } from './plan-stop-edits.controller';
import { PlanStopEditsService } from './plan-stop-edits.service';
import { PlanRequestsService } from './plan-requests.service';
import { ServiceDatePolicy } from './service-date-policy';
import { SolverThread } from './solver-thread';
import { DriverRoutesService } from './driver-routes.service';
import { BaselineRoute } from './baseline/baseline-route.entity';
import { BaselineStop } from './baseline/baseline-stop.entity';
import { BaselineInputsService } from './baseline/baseline-inputs.service';
import { PlanRowsService } from './figures/plan-rows.service';
import { SettlementController } from './settlement/settlement.controller';
import { BaselineController } from './baseline/baseline.controller';
import { SettlementService } from './settlement/settlement.service';
import { Platform } from '../integrations/platform.entity';
import { PlanDeferral } from './consolidation/plan-deferral.entity';
import { PlanDeferralsController } from './consolidation/plan-deferrals.controller';
import { PlanDeferralsService } from './consolidation/plan-deferrals.service';
import { PromiseDefault } from './promises/promise-default.entity';
import { PromiseDefaultsController } from './promises/promise-defaults.controller';
import { PromiseDefaultsService } from './promises/promise-defaults.service';
import { VillageHistoryController } from './village-history/village-history.controller';
import { VillageHistoryService } from './village-history/village-history.service';

/** Plans, routes, stops and manifests over HTTP; the solving itself runs in PlanningWorkerModule. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Plan, PlanRoute, PlanStop, PlanEvent, IdempotencyRecord, WaveSchedule, BaselineRoute, BaselineStop, PlanDeferral, PromiseDefault, Platform]),
    BullModule.registerQueue({ name: QueueName.planning }, { name: QueueName.waveSchedule }),
    CountiesModule,
    NetworkModule,
    FleetModule,
    ShipmentsModule,
  ],
  controllers: [
    PlansController,
    PlanStopEditsController,
    ManifestsController,
    WaveSchedulesController,
    SettlementController,
    BaselineController,
    PlanDeferralsController,
    PromiseDefaultsController,
    VillageHistoryController,
  ],
  providers: [
    PlanRequestsService,
    PlanComputationService,
    PlanningInputsService,
    ServiceDatePolicy,
    ManifestSourceService,
    PreparedJsonCache,
    PreparedManifestsService,
    SolverThread,
    PlanPublishingService,
    PlanRouteEditsService,
    PlanStopEditsService,
    IdempotencyService,
    WaveSchedulesService,
    DriverRoutesService,
    BaselineInputsService,
    PlanRowsService,
    SettlementService,
    PromiseDefaultsService,
    PlanDeferralsService,
    VillageHistoryService,
  ],
  exports: [
    PlanRequestsService,
    PlanComputationService,
    PlanPublishingService,
    WaveSchedulesService,
    ManifestSourceService,
    DriverRoutesService,
    PreparedJsonCache,
    PreparedManifestsService,
  ],
})
export class PlanningModule {}
