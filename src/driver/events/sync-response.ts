import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REJECTION_REASONS, RejectionReason } from './driver-event-types';

export const EVENT_OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

export class EventResult {
  @ApiProperty({ description: 'position in the batch' }) index!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: "the event's id (null when it had none)" }) id!: string | null;
  @ApiProperty({ enum: EVENT_OUTCOMES, description: 'duplicate: stored before, nothing to do; drop it from the phone like an accepted one' }) outcome!: EventOutcome;
  @ApiPropertyOptional({ enum: REJECTION_REASONS }) reason?: RejectionReason;
  @ApiPropertyOptional() message?: string;
}

export class SyncResponse {
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty({ description: "seconds added to the phone's times (its clock against the server's, in whole minutes)" }) clockOffsetS!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicates!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ description: 'shipments whose status changed (each sent to its platform once)' }) statusChanges!: number;
  @ApiProperty({ type: [EventResult] }) results!: EventResult[];
}
