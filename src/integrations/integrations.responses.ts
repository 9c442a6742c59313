import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { SHIPMENT_EVENT_TYPES } from '../shipments/shipment-event-types';
import { DELIVERY_STATUSES, DeliveryStatus } from './webhook-delivery.entity';

export class IntakeItemResponse {
  @ApiProperty({ description: "the platform's shipment id" }) id!: string;
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty() status!: string;
  @ApiProperty() needsAttention!: boolean;
  @ApiProperty({ nullable: true, type: String }) attentionReason!: string | null;
  @ApiProperty({ description: 'true when this id was already accepted with the same content' }) duplicate!: boolean;
}

export class IntakeResponse {
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() needsAttention!: number;
  @ApiProperty({ type: [IntakeItemResponse] }) results!: IntakeItemResponse[];
}

export class RegisterPlatformBody {
  @ApiProperty({ example: 'Pinduoduo' }) @IsString() @Length(1, 100) name!: string;
}

export class PlatformResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid', description: "the platform's feed key (role platform)" }) apiKeyId!: string;
  @ApiProperty({ description: 'true while a rotated-out secret still verifies' }) rotationInProgress!: boolean;
  @ApiProperty() createdAt!: string;
}

export class PlatformCredentialsResponse extends PlatformResponse {
  @ApiProperty({ description: 'HMAC secret for both directions (whsec_…)' }) webhookSecret!: string;
  @ApiPropertyOptional({ description: 'the feed API key, shown once at registration', nullable: true, type: String }) apiKey!: string | null;
}

export class SubscribeBody {
  @ApiProperty({ example: 'https://platform.example.com/hooks/rural-dispatch' })
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  url!: string;
  @ApiProperty({ enum: SHIPMENT_EVENT_TYPES, isArray: true }) @IsArray() @ArrayMinSize(1) @IsIn(SHIPMENT_EVENT_TYPES, { each: true }) eventTypes!: string[];
}

export class SubscriptionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'credentials in it (user info, query values) are shown as *** to roles other than admin' }) url!: string;
  @ApiProperty({ isArray: true, enum: SHIPMENT_EVENT_TYPES }) eventTypes!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'set when a delivery exhausted its retries' }) failingSince!: string | null;
}

export class DeliveryListQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class DeliveryAttemptResponse {
  @ApiProperty() attemptNumber!: number;
  @ApiProperty({ nullable: true, type: Number }) statusCode!: number | null;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty() at!: string;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'evt_42' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty() attemptCount!: number;
  @ApiProperty() nextAttemptAt!: string;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ type: [DeliveryAttemptResponse] }) attempts?: DeliveryAttemptResponse[];
}

export class EventsFeedQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page; omit to start at the beginning' })
  @IsOptional()
  @Matches(/^\d{1,19}\.\d{1,19}$/)
  after?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class EventEnvelopeResponse {
  @ApiProperty({ example: 'evt_42', description: 'stable: the same in every delivery and in the feed' }) id!: string;
  @ApiProperty({ enum: SHIPMENT_EVENT_TYPES }) type!: string;
  @ApiProperty() created!: string;
  @ApiProperty({ format: 'uuid' }) countyId!: string;
  @ApiProperty({ description: 'shipmentId, platformShipmentId, direction, status, previousStatus, villageNodeId, needsAttention, attentionReason, reason?' })
  data!: Record<string, unknown>;
}

export class EventsPageResponse {
  @ApiProperty({ type: [EventEnvelopeResponse] }) events!: EventEnvelopeResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as `after`; unchanged when there was nothing new' }) nextCursor!: string | null;
}
