import { randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { CountiesService } from '../../counties/counties.service';
import { DriversService } from '../../fleet/drivers.service';
import { Clock } from '../../infra/clock/clock';
import { DomainError } from '../../infra/errors/domain-error';
import { DriverAccountsService } from './driver-accounts.service';
import { DriverSignInCode } from './driver-sign-in-code.entity';
import { ONE_TIME_CODE_SENDER, OneTimeCodeSender } from './one-time-code-sender';
import { TokenKeysService } from './token-keys.service';
import { Driver } from '../../fleet/driver.entity';

export const SIGN_IN_CODE_TTL_S = 15 * 60;
/** Wrong tries a code survives; a million codes and five tries leave a guesser one chance in 200,000. */
export const SIGN_IN_CODE_MAX_ATTEMPTS = 5;

const INVALID_CODE = 'county, phone or code is wrong, or the code has expired';

/** One-time codes an operator has sent to a driver (first sign-in, forgotten PIN); the driver sets a PIN with one. */
@Injectable()
export class SignInCodesService {
  private readonly logger = new Logger(SignInCodesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drivers: DriversService,
    private readonly counties: CountiesService,
    private readonly accounts: DriverAccountsService,
    private readonly keys: TokenKeysService,
    private readonly clock: Clock,
    @Inject(ONE_TIME_CODE_SENDER) private readonly sender: OneTimeCodeSender,
  ) {}

  /** A new 6-digit code for the driver (older unused ones stop working), sent through the code sender. */
  async issue(countyId: string, driverId: string): Promise<{ expiresAt: Date }> {
    const driver = await this.drivers.get(countyId, driverId);
    const county = await this.counties.get(countyId);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SIGN_IN_CODE_TTL_S * 1000);
    const codeHash = (await this.keys.keyedHash('sign-in-code', `${driverId}:${code}`)).toString('hex');
    await this.dataSource.transaction(async (manager) => {
      await manager.update(DriverSignInCode, { driverId, usedAt: IsNull() }, { usedAt: now });
      await manager.insert(DriverSignInCode, { countyId, driverId, codeHash, expiresAt, attempts: 0, usedAt: null });
    });
    const text = `【${county.name}物流】您的司机登录验证码为 ${code}，${SIGN_IN_CODE_TTL_S / 60} 分钟内有效。请勿告诉他人。`;
    try {
      await this.sender.send({ countyId, driverId, phone: driver.phone, code, expiresAt, text });
    } catch (error) {
      this.logger.error({ err: error, countyId, driverId }, 'sending a sign-in code failed');
      throw new DomainError('unavailable', 'the code could not be sent; try again later');
    }
    return { expiresAt };
  }

  /** Spends the driver's current code if `code` is it; otherwise counts a try against it. Returns the driver. */
  async consume(adminCode: string, phone: string, code: string): Promise<Driver> {
    const driver = await this.accounts.findDriver(adminCode, phone);
    if (!driver || !/^\d{6}$/.test(code)) throw new DomainError('unauthenticated', INVALID_CODE);
    const presented = await this.keys.keyedHash('sign-in-code', `${driver.id}:${code}`);
    const matched = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(DriverSignInCode, {
        where: { driverId: driver.id, usedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
        order: { createdAt: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current || current.attempts >= SIGN_IN_CODE_MAX_ATTEMPTS) return false;
      if (!timingSafeEqual(Buffer.from(current.codeHash, 'hex'), presented)) {
        await manager.update(DriverSignInCode, current.id, { attempts: current.attempts + 1 });
        return false;
      }
      await manager.update(DriverSignInCode, current.id, { usedAt: this.clock.now() });
      return true;
    });
    if (!matched) throw new DomainError('unauthenticated', INVALID_CODE);
    return driver;
  }
}
