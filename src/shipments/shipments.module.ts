import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworkModule } from '../network/network.module';
import { DestinationResolverService } from './destination-resolver.service';
import { ShipmentEvent } from './shipment-event.entity';
import { ShipmentEventsService } from './shipment-events.service';
import { ShipmentIntakeService } from './shipment-intake.service';
import { ShipmentLifecycleService } from './shipment-lifecycle.service';
import { ShipmentOutbox } from './shipment-outbox.entity';
import { ShipmentParcel } from './shipment-parcel.entity';
import { ShipmentScansService } from './shipment-scans.service';
import { Shipment } from './shipment.entity';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsQueryService } from './shipments-query.service';
import { PlannableShipmentsService } from './plannable-shipments.service';
import { ParcelReportsService } from './parcel-reports.service';
import { ShipmentFactsService } from './shipment-facts.service';
import { VillageOutcomesService } from './village-outcomes.service';
import { PlatformMessage } from './platform-message.entity';
import { PlatformMessagesService } from './platform-messages.service';

const SERVICES = [
  DestinationResolverService,
  ShipmentEventsService,
  ShipmentIntakeService,
  ShipmentLifecycleService,
  ShipmentScansService,
  ShipmentsQueryService,
  PlannableShipmentsService,
  ParcelReportsService,
  ShipmentFactsService,
  VillageOutcomesService,
  PlatformMessagesService,
];

/** Shipments: intake, lifecycle, events and the outbox. Other modules use the exported services. */
@Module({
  imports: [TypeOrmModule.forFeature([Shipment, ShipmentParcel, ShipmentEvent, ShipmentOutbox, PlatformMessage]), NetworkModule],
  controllers: [ShipmentsController],
  providers: SERVICES,
  exports: SERVICES,
})
export class ShipmentsModule {}
