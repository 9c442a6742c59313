import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SHIPMENT_DIRECTIONS, SHIPMENT_STATUSES } from './shipment-status';
import { ShipmentParcel } from './shipment-parcel.entity';
import { DestinationInput, Shipment } from './shipment.entity';

export class ParcelResponse {
  @ApiProperty() barcode!: string;
  @ApiProperty() weightG!: number;
  @ApiProperty({ example: [300, 200, 150] }) dimensionsMm!: number[];
  @ApiProperty({ nullable: true, type: String }) scannedInAt!: string | null;
}

export class ShipmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty() platformShipmentId!: string;
  @ApiProperty({ enum: SHIPMENT_DIRECTIONS }) direction!: string;
  @ApiProperty({ enum: SHIPMENT_STATUSES }) status!: string;
  @ApiProperty() serviceLevel!: string;
  @ApiProperty({ nullable: true, type: String, description: "the platform's promise; without it the county default of the serviceLevel applies (GET …/promise-defaults)" })
  promisedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'first hub scan (inbound) or request (pickup), by the service clock' }) arrivedAt!: string | null;
  @ApiProperty({ description: 'promisedBy had already passed when it arrived: accepted, planned first' }) lateOnArrival!: boolean;
  @ApiProperty({ description: 'recipient or sender; the phone is masked' }) contact!: { name: string; phone: string };
  @ApiProperty({ description: 'as the platform sent it' }) destination!: DestinationInput;
  @ApiProperty({ nullable: true, type: String }) villageNodeId!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['admin_code', 'coordinate', 'name'] }) resolvedBy!: string | null;
  @ApiProperty() needsAttention!: boolean;
  @ApiProperty({ nullable: true, type: String }) attentionReason!: string | null;
  @ApiProperty() parcelCount!: number;
  @ApiProperty() totalWeightG!: number;
  @ApiProperty() totalVolumeCm3!: number;
  @ApiProperty() declaredValueFen!: number;
  @ApiProperty() cashOnDeliveryFen!: number;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: [ParcelResponse] }) parcels?: ParcelResponse[];
}

export class ShipmentPageResponse {
  @ApiProperty({ type: [ShipmentResponse] }) items!: ShipmentResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** Operators see the last four digits only; the full number goes to the driver's manifest. */
export const maskPhone = (phone: string) => (phone.length <= 4 ? '****' : `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`);

export function toShipmentResponse(shipment: Shipment, parcels?: ShipmentParcel[]): ShipmentResponse {
  return {
    id: shipment.id,
    platformId: shipment.platformId,
    platformShipmentId: shipment.platformShipmentId,
    direction: shipment.direction,
    status: shipment.status,
    serviceLevel: shipment.serviceLevel,
    promisedBy: shipment.promisedBy ? shipment.promisedBy.toISOString() : null,
    arrivedAt: shipment.arrivedAt ? shipment.arrivedAt.toISOString() : null,
    lateOnArrival: shipment.lateOnArrival,
    contact: { name: shipment.contactName, phone: maskPhone(shipment.contactPhone) },
    destination: shipment.destination,
    villageNodeId: shipment.villageNodeId,
    resolvedBy: shipment.resolvedBy,
    needsAttention: shipment.needsAttention,
    attentionReason: shipment.attentionReason,
    parcelCount: shipment.parcelCount,
    totalWeightG: shipment.totalWeightG,
    totalVolumeCm3: shipment.totalVolumeCm3,
    declaredValueFen: Number(shipment.declaredValueFen),
    cashOnDeliveryFen: Number(shipment.cashOnDeliveryFen),
    createdAt: shipment.createdAt.toISOString(),
    ...(parcels
      ? {
          parcels: parcels.map((parcel) => ({
            barcode: parcel.barcode,
            weightG: parcel.weightG,
            dimensionsMm: [parcel.lengthMm, parcel.widthMm, parcel.heightMm],
            scannedInAt: parcel.scannedInAt?.toISOString() ?? null,
          })),
        }
      : {}),
  };
}
