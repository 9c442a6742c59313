import { Module } from '@nestjs/common';
import { NetworkModule } from './network.module';
import { OsmImportProcessor } from './osm/jobs/osm-import.processor';

/** The `imports` queue's processor, for the worker process. */
@Module({
  imports: [NetworkModule],
  providers: [OsmImportProcessor],
})
export class NetworkWorkerModule {}
