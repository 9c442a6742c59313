import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CountiesModule } from '../counties/counties.module';
import { NetworkImportService } from './import/network-import.service';
import { TravelMatrixService } from './matrix/travel-matrix.service';
import { NetworkExportService } from './network-export.service';
import { NetworkNode } from './network-node.entity';
import { NetworkNodesController } from './network-nodes.controller';
import { NetworkNodesService } from './network-nodes.service';
import { NetworkQueryService } from './network-query.service';
import { NetworkSummaryService } from './network-summary.service';
import { NetworkController } from './network.controller';
import { RoadSegment } from './road-segment.entity';

/**
 * Nodes, roads, GeoJSON import/export and travel matrices. Other modules use NetworkQueryService,
 * NetworkSummaryService (the fleet's county summary), NetworkImportService (seeding, CLI) and
 * TravelMatrixService (planning, CLI), never the tables. It imports only CountiesModule: nothing
 * that depends on the network (fleet, shipments, planning) is imported back.
 */
@Module({
  imports: [TypeOrmModule.forFeature([NetworkNode, RoadSegment]), CountiesModule],
  controllers: [NetworkNodesController, NetworkController],
  providers: [NetworkQueryService, NetworkNodesService, NetworkImportService, NetworkExportService, NetworkSummaryService, TravelMatrixService],
  exports: [NetworkQueryService, NetworkImportService, NetworkExportService, NetworkSummaryService, TravelMatrixService],
})
export class NetworkModule {}
