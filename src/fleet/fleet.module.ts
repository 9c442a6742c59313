import { forwardRef, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworkModule } from '../network/network.module';
import { Driver } from './driver.entity';
import { DriversController } from './drivers.controller';
import { DriversService } from './drivers.service';
import { FleetSeedService } from './fleet-seed.service';
import { Vehicle } from './vehicle.entity';
import { VehiclesController } from './vehicles.controller';
import { VehiclesService } from './vehicles.service';

/** Vehicles and drivers. NetworkModule and FleetModule import each other (home nodes; vehicles in the network summary). */
@Module({
  imports: [TypeOrmModule.forFeature([Vehicle, Driver]), forwardRef(() => NetworkModule)],
  controllers: [VehiclesController, DriversController],
  providers: [VehiclesService, DriversService, FleetSeedService],
  exports: [VehiclesService, DriversService, FleetSeedService],
})
export class FleetModule {}
