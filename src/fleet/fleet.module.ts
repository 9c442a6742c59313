import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworkModule } from '../network/network.module';
import { CountySummaryController } from './county-summary.controller';
import { CountySummaryService } from './county-summary.service';
import { Driver } from './driver.entity';
import { DriversController } from './drivers.controller';
import { DriversService } from './drivers.service';
import { FleetSeedService } from './fleet-seed.service';
import { Vehicle } from './vehicle.entity';
import { VehiclesController } from './vehicles.controller';
import { VehiclesService } from './vehicles.service';

/** Vehicles and drivers, and the county overview (network figures + vehicles). Uses NetworkModule for home nodes; network never imports fleet. */
@Module({
  imports: [TypeOrmModule.forFeature([Vehicle, Driver]), NetworkModule],
  controllers: [VehiclesController, DriversController, CountySummaryController],
  providers: [VehiclesService, DriversService, FleetSeedService, CountySummaryService],
  exports: [VehiclesService, DriversService, FleetSeedService, CountySummaryService],
})
export class FleetModule {}
