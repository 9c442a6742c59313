import { Module } from '@nestjs/common';
import { PlanningModule } from './planning.module';
import { PlanningProcessor } from './planning.processor';
import { WaveScheduleProcessor } from './wave-schedule.processor';

/** The planning and wave-schedule processors, for the worker process (and the demo CLI's in-process worker). */
@Module({
  imports: [PlanningModule],
  providers: [PlanningProcessor, WaveScheduleProcessor],
})
export class PlanningWorkerModule {}
