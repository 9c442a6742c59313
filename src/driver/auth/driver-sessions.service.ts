import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Driver } from '../../fleet/driver.entity';
import { DriversService } from '../../fleet/drivers.service';
import { Clock } from '../../infra/clock/clock';
import { APP_CONFIG, AppConfig } from '../../infra/config/app-config';
import { DomainError } from '../../infra/errors/domain-error';
import { AccessTokensService } from './access-tokens.service';
import { DriverAccount } from './driver-account.entity';
import { DriverAccountsService } from './driver-accounts.service';
import { DriverDevice } from './driver-device.entity';
import { DriverRefreshToken } from './driver-refresh-token.entity';
import { TokenPairResponse } from './token-pair';
import { TokenKeysService } from './token-keys.service';

export interface DeviceInput {
  id: string;
  name?: string;
  platform?: string;
}

const REFRESH_PREFIX = 'rdr_';
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const INVALID_REFRESH = 'the refresh token is not valid; sign in again';

/**
 * Sessions of drivers' devices: sign-in starts a refresh-token family for the device; each refresh
 * rotates the token. The successor of a token is derived from it (keyed hash), so a retry of a refresh
 * whose answer was lost gets the very same pair back within `refreshGraceS`; after that, or once the
 * successor has been used, presenting a rotated token is reuse and revokes the whole family.
 */
@Injectable()
export class DriverSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: DriverAccountsService,
    private readonly drivers: DriversService,
    private readonly tokens: AccessTokensService,
    private readonly keys: TokenKeysService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new family for the device (the device's older families end: one sign-in per phone). */
  async start(driver: Driver, device: DeviceInput): Promise<TokenPairResponse> {
    const { account } = await this.accounts.account(driver.countyId, driver.id);
    this.accounts.assertEnabled(account, driver);
    const now = this.clock.now();
    const refreshToken = REFRESH_PREFIX + randomBytes(32).toString('base64url');
    const { stored, row } = await this.dataSource.transaction(async (manager) => {
      const found = await this.upsertDevice(manager, driver, device, now);
      if (found.disabledAt) throw new DomainError('forbidden', 'this device is disabled; ask the county centre');
      await manager.update(DriverRefreshToken, { deviceId: found.id, revokedAt: IsNull() }, { revokedAt: now, revokeReason: 'signed_in_again' });
      const token = manager.create(DriverRefreshToken, {
        countyId: driver.countyId,
        driverId: driver.id,
        deviceId: found.id,
        familyId: randomUUID(),
        parentId: null,
        tokenHash: sha256(refreshToken),
        issuedAt: now,
        expiresAt: this.refreshExpiry(now),
      });
      return { stored: found, row: await manager.save(DriverRefreshToken, token) };
    });
    return this.pair(driver, stored, account, row, refreshToken);
  }

  async refresh(refreshToken: string, clientDeviceId: string): Promise<TokenPairResponse> {
    if (!refreshToken.startsWith(REFRESH_PREFIX)) throw new DomainError('unauthenticated', INVALID_REFRESH);
    const successorToken = await this.successorOf(refreshToken);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await manager.findOne(DriverRefreshToken, { where: { tokenHash: sha256(refreshToken) }, lock: { mode: 'pessimistic_write' } });
      if (!row || row.revokedAt) return null;
      const device = await manager.findOneOrFail(DriverDevice, { where: { id: row.deviceId } });
      if (device.clientDeviceId !== clientDeviceId) return null;
      const now = this.clock.now();
      if (row.expiresAt <= now) return null;
      if (row.rotatedAt === null) {
        await manager.update(DriverRefreshToken, row.id, { rotatedAt: now });
        const successor = await manager.save(
          DriverRefreshToken,
          manager.create(DriverRefreshToken, {
            countyId: row.countyId,
            driverId: row.driverId,
            deviceId: row.deviceId,
            familyId: row.familyId,
            parentId: row.id,
            tokenHash: sha256(successorToken),
            issuedAt: now,
            expiresAt: this.refreshExpiry(now),
          }),
        );
        await manager.update(DriverDevice, device.id, { lastSeenAt: now });
        return { device, successor };
      }
      const successor = await manager.findOne(DriverRefreshToken, { where: { tokenHash: sha256(successorToken) } });
      const withinGrace = now.getTime() - row.rotatedAt.getTime() <= this.config.driverApp.refreshGraceS * 1000;
      if (withinGrace && successor && successor.rotatedAt === null && successor.revokedAt === null) return { device, successor };
      await manager.update(DriverRefreshToken, { familyId: row.familyId, revokedAt: IsNull() }, { revokedAt: now, revokeReason: 'reuse' });
      return 'reuse' as const;
    });
    if (outcome === 'reuse') throw new DomainError('unauthenticated', "refresh token reuse detected: this device's session is revoked; sign in again");
    if (outcome === null) throw new DomainError('unauthenticated', INVALID_REFRESH);
    const { driver, account } = await this.accounts.account(outcome.device.countyId, outcome.device.driverId);
    return this.pair(driver, outcome.device, account, outcome.successor, successorToken);
  }

  /** Ends the caller's family: its refresh tokens stop working (its access token runs out within minutes). */
  async signOut(familyId: string): Promise<void> {
    await this.dataSource.getRepository(DriverRefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now(), revokeReason: 'signed_out' });
  }

  /** The access token is signed at the refresh row's issue time: the same row always gives the same token. */
  private async pair(driver: Driver, device: DriverDevice, account: DriverAccount | null, row: DriverRefreshToken, refreshToken: string): Promise<TokenPairResponse> {
    const disabledSince = [this.accounts.disabledSince(driver, account), device.disabledAt].filter((at): at is Date => at !== null);
    const syncUntil = disabledSince.length > 0 ? new Date(Math.min(...disabledSince.map((at) => at.getTime()))) : null;
    const access = await this.tokens.sign(
      {
        sub: driver.id,
        cty: driver.countyId,
        dev: device.id,
        fam: row.familyId,
        scp: syncUntil ? 'sync' : 'driver',
        ...(syncUntil ? { snc: Math.floor(syncUntil.getTime() / 1000) } : {}),
        jti: row.id,
      },
      row.issuedAt,
    );
    return {
      tokenType: 'Bearer',
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt.toISOString(),
      refreshToken,
      refreshTokenExpiresAt: row.expiresAt.toISOString(),
      scope: syncUntil ? 'sync' : 'driver',
      syncUntil: syncUntil?.toISOString() ?? null,
      driver: { id: driver.id, name: driver.name, countyId: driver.countyId },
      device: { id: device.id, clientDeviceId: device.clientDeviceId },
    };
  }

  private async successorOf(refreshToken: string): Promise<string> {
    return REFRESH_PREFIX + (await this.keys.keyedHash('refresh-successor', refreshToken)).toString('base64url');
  }

  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.driverApp.refreshTokenTtlS * 1000);
  }

  private async upsertDevice(manager: EntityManager, driver: Driver, device: DeviceInput, now: Date): Promise<DriverDevice> {
    await manager.query(
      `INSERT INTO driver_device (county_id, driver_id, client_device_id, name, platform, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (driver_id, client_device_id) DO UPDATE SET name = coalesce(EXCLUDED.name, driver_device.name), platform = coalesce(EXCLUDED.platform, driver_device.platform),
         last_seen_at = EXCLUDED.last_seen_at, updated_at = now()`,
      [driver.countyId, driver.id, device.id, device.name ?? null, device.platform ?? null, now],
    );
    return manager.findOneOrFail(DriverDevice, { where: { driverId: driver.id, clientDeviceId: device.id } });
  }
}
