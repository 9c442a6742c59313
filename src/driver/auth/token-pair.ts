import { ApiProperty } from '@nestjs/swagger';

/** What sign-in and refresh answer: keep the refresh token on the phone, send the access token with every call. */
export class TokenPairResponse {
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'JWT (HS256), about 10 minutes' }) accessToken!: string;
  @ApiProperty({ format: 'date-time' }) accessTokenExpiresAt!: string;
  @ApiProperty({ description: 'opaque; rotated on every use; 30 days, sliding' }) refreshToken!: string;
  @ApiProperty({ format: 'date-time' }) refreshTokenExpiresAt!: string;
  @ApiProperty({ enum: ['driver', 'sync'], description: 'sync: the device or driver is disabled; only events recorded before `syncUntil` are taken' })
  scope!: 'driver' | 'sync';
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) syncUntil!: string | null;
  @ApiProperty() driver!: { id: string; name: string; countyId: string };
  @ApiProperty({ description: "the device as the server knows it: `id` is the server's, `clientDeviceId` the app's" }) device!: { id: string; clientDeviceId: string };
}
