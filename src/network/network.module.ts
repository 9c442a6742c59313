import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CountiesModule } from '../counties/counties.module';
import { QueueName } from '../infra/queue/queue-names';
import { NetworkImportService } from './import/network-import.service';
import { MatrixThread } from './matrix/matrix-thread';
import { TravelMatrixService } from './matrix/travel-matrix.service';
import { OsmImportFile, OsmImportJob } from './osm/jobs/osm-import-job.entity';
import { OsmImportJobsService } from './osm/jobs/osm-import-jobs.service';
import { OsmImportsController } from './osm/jobs/osm-imports.controller';
import { OsmImportService } from './osm/osm-import.service';
import { NetworkSnappingService } from './network-snapping.service';
import { NetworkExportService } from './network-export.service';
import { NetworkNode } from './network-node.entity';
import { NetworkNodesController } from './network-nodes.controller';
import { NetworkNodesService } from './network-nodes.service';
import { NetworkQueryService } from './network-query.service';
import { NetworkSummaryService } from './network-summary.service';
import { NetworkController } from './network.controller';
import { RoadSegment } from './road-segment.entity';
import { ServiceCalendarsController } from './service-calendars.controller';
import { ServiceCalendarsService } from './service-calendars.service';

/**
 * Nodes, roads, GeoJSON import/export and travel matrices. Other modules use NetworkQueryService,
 * NetworkSummaryService (the fleet's county summary), NetworkImportService (seeding, CLI) and
 * TravelMatrixService (planning, CLI), never the tables. It imports only CountiesModule: nothing
 * that depends on the network (fleet, shipments, planning) is imported back.
 */
@Module({
  imports: [TypeOrmModule.forFeature([NetworkNode, RoadSegment, OsmImportJob, OsmImportFile]), BullModule.registerQueue({ name: QueueName.imports }), CountiesModule],
  controllers: [NetworkNodesController, ServiceCalendarsController, NetworkController, OsmImportsController],
  providers: [
    NetworkQueryService,
    NetworkNodesService,
    NetworkImportService,
    NetworkExportService,
    NetworkSummaryService,
    TravelMatrixService,
    MatrixThread,
    NetworkSnappingService,
    OsmImportService,
    OsmImportJobsService,
    ServiceCalendarsService,
  ],
  exports: [NetworkQueryService, NetworkImportService, NetworkExportService, NetworkSummaryService, TravelMatrixService, OsmImportService, OsmImportJobsService],
})
export class NetworkModule {}
