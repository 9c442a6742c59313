import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CountiesService } from '../../counties/counties.service';
import { Driver } from '../../fleet/driver.entity';
import { DriversService } from '../../fleet/drivers.service';
import { Clock } from '../../infra/clock/clock';
import { APP_CONFIG, AppConfig } from '../../infra/config/app-config';
import { DomainError, validationFailed } from '../../infra/errors/domain-error';
import { DriverAccount } from './driver-account.entity';
import { hashPin, PIN_PATTERN, PIN_RULE, pinMatches } from './pin-hash';

/** Said for an unknown county, an unknown phone, a driver without a PIN and a wrong PIN alike. */
const WRONG_CREDENTIALS = 'county, phone or PIN is wrong';

export function assertPinRule(pin: string, field = 'pin'): void {
  if (!PIN_PATTERN.test(pin)) throw validationFailed(`${field} ${PIN_RULE}`, [{ field, message: PIN_RULE }]);
}

/**
 * Drivers' PINs and the lockout: a county's phone and a PIN sign a driver in. Township drivers share
 * carrier-NAT addresses, so failures are counted per account, not per address: after
 * `signInMaxFailures` wrong PINs in a row the account refuses every PIN, right or wrong, for `lockoutS`.
 */
@Injectable()
export class DriverAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counties: CountiesService,
    private readonly drivers: DriversService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The driver of a county (by its 6-digit admin code) and phone, or null: for sign-in, where "who" is all the caller gives. */
  async findDriver(adminCode: string, phone: string): Promise<Driver | null> {
    const county = /^\d{6}$/.test(adminCode) ? await this.counties.findByAdminCode(adminCode) : null;
    return county ? this.drivers.findByPhone(county.id, phone) : null;
  }

  /** Checks the PIN under the account's row lock (concurrent guesses are counted one by one); returns the driver. */
  async authenticate(adminCode: string, phone: string, pin: string): Promise<Driver> {
    const driver = await this.findDriver(adminCode, phone);
    if (!driver) {
      await pinMatches(null, pin);
      throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
    }
    return this.dataSource
      .transaction(async (manager) => {
        const account = await this.lockAccount(manager, driver);
        const now = this.clock.now();
        if (account.lockedUntil && account.lockedUntil > now) throw this.lockedOut(account.lockedUntil);
        if (!(await pinMatches(account.pinHash, pin))) {
          const failures = account.failedAttempts + 1;
          const locks = failures >= this.config.driverApp.signInMaxFailures;
          const lockedUntil = locks ? new Date(now.getTime() + this.config.driverApp.lockoutS * 1000) : account.lockedUntil;
          await manager.update(DriverAccount, account.driverId, { failedAttempts: locks ? 0 : failures, lockedUntil });
          // The transaction must commit the count: the error is returned, not thrown, out of it.
          return locks ? this.lockedOut(lockedUntil!) : new DomainError('unauthenticated', WRONG_CREDENTIALS);
        }
        this.assertEnabled(account, driver);
        if (account.failedAttempts > 0 || account.lockedUntil) await manager.update(DriverAccount, account.driverId, { failedAttempts: 0, lockedUntil: null });
        return driver;
      })
      .then((outcome) => {
        if (outcome instanceof DomainError) throw outcome;
        return outcome;
      });
  }

  /** An operator sets the PIN; it also lifts a lockout. */
  async setPin(countyId: string, driverId: string, pin: string): Promise<DriverAccount> {
    assertPinRule(pin);
    const driver = await this.drivers.get(countyId, driverId);
    return this.writePin(driver, pin);
  }

  /** For the one-time-code path: the driver is already proven. */
  async writePin(driver: Driver, pin: string): Promise<DriverAccount> {
    assertPinRule(pin);
    const pinHash = await hashPin(pin);
    return this.dataSource.transaction(async (manager) => {
      const account = await this.lockAccount(manager, driver);
      Object.assign(account, { pinHash, pinSetAt: this.clock.now(), failedAttempts: 0, lockedUntil: null });
      return manager.save(DriverAccount, account);
    });
  }

  /** Turns the driver's app access off (from now; what the phones recorded before still syncs) or back on. */
  async setEnabled(countyId: string, driverId: string, enabled: boolean): Promise<DriverAccount> {
    const driver = await this.drivers.get(countyId, driverId);
    return this.dataSource.transaction(async (manager) => {
      const account = await this.lockAccount(manager, driver);
      if (enabled) account.disabledAt = null;
      else account.disabledAt ??= this.clock.now();
      return manager.save(DriverAccount, account);
    });
  }

  async account(countyId: string, driverId: string): Promise<{ driver: Driver; account: DriverAccount | null }> {
    const driver = await this.drivers.get(countyId, driverId);
    return { driver, account: await this.dataSource.getRepository(DriverAccount).findOne({ where: { driverId } }) };
  }

  /** When the driver lost app access (the operator's switch, or the fleet's active flag), or null. */
  disabledSince(driver: Driver, account: DriverAccount | null): Date | null {
    if (account?.disabledAt) return account.disabledAt;
    return driver.active ? null : driver.updatedAt;
  }

  assertEnabled(account: DriverAccount | null, driver: Driver): void {
    if (this.disabledSince(driver, account)) throw new DomainError('forbidden', "this driver's app access is disabled; ask the county centre");
  }

  /** The account row, created on first use, locked for the caller's transaction. */
  private async lockAccount(manager: EntityManager, driver: Driver): Promise<DriverAccount> {
    await manager.query('INSERT INTO driver_account (driver_id, county_id) VALUES ($1, $2) ON CONFLICT (driver_id) DO NOTHING', [driver.id, driver.countyId]);
    return manager.findOneOrFail(DriverAccount, { where: { driverId: driver.id }, lock: { mode: 'pessimistic_write' } });
  }

  private lockedOut(until: Date): DomainError {
    const retryAfterS = Math.max(1, Math.ceil((until.getTime() - this.clock.now().getTime()) / 1000));
    return new DomainError('rate_limited', `too many wrong PINs: this account is locked for ${retryAfterS} s (or until an operator sets a new PIN)`, [], { retryAfterS });
  }
}
