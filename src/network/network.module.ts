import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CountiesModule } from '../counties/counties.module';
import { NetworkNode } from './network-node.entity';
import { NetworkQueryService } from './network-query.service';
import { RoadSegment } from './road-segment.entity';

@Module({
  imports: [TypeOrmModule.forFeature([NetworkNode, RoadSegment]), CountiesModule],
  providers: [NetworkQueryService],
  exports: [NetworkQueryService],
})
export class NetworkModule {}
