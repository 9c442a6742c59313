import { Module } from '@nestjs/common';
import { PlanningModule } from './planning.module';
import { PlanningProcessor } from './planning.processor';

/** The planning processor, for the worker process (and the demo CLI's in-process worker). */
@Module({
  imports: [PlanningModule],
  providers: [PlanningProcessor],
})
export class PlanningWorkerModule {}
