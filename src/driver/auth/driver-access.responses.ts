import { ApiProperty } from '@nestjs/swagger';
import type { Driver } from '../../fleet/driver.entity';
import type { DriverAccount } from './driver-account.entity';
import type { DriverDevice } from './driver-device.entity';

export class AppAccessResponse {
  @ApiProperty({ format: 'uuid' }) driverId!: string;
  @ApiProperty() pinSet!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) pinSetAt!: string | null;
  @ApiProperty({ description: 'locked after too many wrong PINs' }) locked!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lockedUntil!: string | null;
  @ApiProperty({ description: "false: the operator turned the driver's app access off (or the driver is inactive in the fleet)" }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) disabledAt!: string | null;
}

export class DeviceResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "the app's own id for the phone" }) clientDeviceId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) platform!: string | null;
  @ApiProperty({ format: 'date-time' }) firstSeenAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastSeenAt!: string | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) disabledAt!: string | null;
  @ApiProperty({ description: 'signed-in sessions whose refresh token is still good' }) activeSessions!: number;
}

export class SignInCodeResponse {
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ example: '*******8001', description: 'where it went, masked' }) sentTo!: string;
}

const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;

export function toAppAccessResponse(driver: Driver, account: DriverAccount | null, now: Date, disabledSince: Date | null): AppAccessResponse {
  const lockedUntil = account?.lockedUntil && account.lockedUntil > now ? account.lockedUntil : null;
  return {
    driverId: driver.id,
    pinSet: Boolean(account?.pinHash),
    pinSetAt: iso(account?.pinSetAt),
    locked: lockedUntil !== null,
    lockedUntil: iso(lockedUntil),
    enabled: disabledSince === null,
    disabledAt: iso(disabledSince),
  };
}

export function toDeviceResponse(device: DriverDevice & { activeSessions: number }): DeviceResponse {
  return {
    id: device.id,
    clientDeviceId: device.clientDeviceId,
    name: device.name,
    platform: device.platform,
    firstSeenAt: device.createdAt.toISOString(),
    lastSeenAt: iso(device.lastSeenAt),
    enabled: device.disabledAt === null,
    disabledAt: iso(device.disabledAt),
    activeSessions: device.activeSessions,
  };
}
