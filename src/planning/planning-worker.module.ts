import { Module } from '@nestjs/common';
import { PlanningModule } from './planning.module';
import { PlanningProcessor } from './planning.processor';
import { PlanReconcilerService } from './plan-reconciler.service';
import { WaveScheduleProcessor } from './wave-schedule.processor';

/** The planning and wave-schedule processors and the reconciler of their jobs, for the worker process (and the demo CLI's in-process worker). */
@Module({
  imports: [PlanningModule],
  providers: [PlanningProcessor, WaveScheduleProcessor, PlanReconcilerService],
})
export class PlanningWorkerModule {}
