import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { conflict, notFound, validationFailed } from '../infra/errors/domain-error';
import { normalizePhoneNumber, PHONE_NUMBER_RULE } from '../infra/validation/phone-number';
import { NetworkQueryService } from '../network/network-query.service';
import { Driver } from './driver.entity';
import { CreateDriverDto, UpdateDriverDto } from './dto/driver.dto';
import { uniqueViolation } from '../infra/database/unique-violation';
import { resolveHomeNode } from './home-node-reference';
import { VehiclesService } from './vehicles.service';
import { rowVersionsSql } from '../infra/database/row-versions';

/** The phone in its stored form, so "138 0000 1234" and "+8613800001234" are one driver. */
function withStoredPhone<Input extends UpdateDriverDto>(input: Input): Input {
  if (input.phone === undefined) return input;
  const phone = normalizePhoneNumber(input.phone);
  if (phone === null) throw validationFailed(`phone ${PHONE_NUMBER_RULE}`, [{ field: 'phone', message: `phone ${PHONE_NUMBER_RULE}` }]);
  return { ...input, phone };
}

/** SQL: the row versions of the drivers in the uuid[] expression `ids`, for a cached view of them to be checked against (rowVersionsSql). */
export function driverVersionsSql(ids: string): string {
  return rowVersionsSql('driver', 'id', ids);
}

/** Drivers of a county. Phone numbers are personal data: they are stored and returned, never logged. */
@Injectable()
export class DriversService {
  constructor(
    @InjectRepository(Driver) private readonly drivers: Repository<Driver>,
    private readonly vehicles: VehiclesService,
    private readonly network: NetworkQueryService,
  ) {}

  async create(countyId: string, given: CreateDriverDto): Promise<Driver> {
    const input = withStoredPhone(given);
    const missing = (['name', 'phone'] as const).filter((field) => input[field] === undefined);
    if (missing.length > 0)
      throw validationFailed(
        `missing ${missing.join(', ')}`,
        missing.map((field) => ({ field, message: 'is required' })),
      );
    if (await this.drivers.exist({ where: { countyId, phone: input.phone } })) throw conflict('a driver with this phone number already exists in this county');
    const driver = this.drivers.create({ countyId, active: true, vehicleId: null, homeNodeId: null });
    await this.apply(countyId, driver, input);
    return this.save(driver);
  }

  async update(countyId: string, id: string, given: UpdateDriverDto): Promise<Driver> {
    const input = withStoredPhone(given);
    const driver = await this.get(countyId, id);
    if (input.phone !== undefined && input.phone !== driver.phone && (await this.drivers.exist({ where: { countyId, phone: input.phone } }))) {
      throw conflict('a driver with this phone number already exists in this county');
    }
    await this.apply(countyId, driver, input);
    return this.save(driver);
  }

  /** Creates or updates the driver with this phone number (demo seeding is re-runnable). */
  async upsertByPhone(countyId: string, given: CreateDriverDto): Promise<Driver> {
    const input = withStoredPhone(given);
    const existing = await this.drivers.findOne({ where: { countyId, phone: input.phone } });
    return existing ? this.update(countyId, existing.id, input) : this.create(countyId, input);
  }

  async get(countyId: string, id: string): Promise<Driver> {
    const driver = await this.drivers.findOne({ where: { countyId, id } });
    if (!driver) throw notFound('driver', id);
    return driver;
  }

  /** The driver with this phone number (in any notation) in the county, or null. */
  findByPhone(countyId: string, phone: string): Promise<Driver | null> {
    const stored = normalizePhoneNumber(phone);
    return stored === null ? Promise.resolve(null) : this.drivers.findOne({ where: { countyId, phone: stored } });
  }

  list(countyId: string): Promise<Driver[]> {
    return this.drivers.find({ where: { countyId }, order: { name: 'ASC', id: 'ASC' } });
  }

  private async apply(countyId: string, driver: Driver, input: UpdateDriverDto): Promise<void> {
    if (input.name !== undefined) driver.name = input.name;
    if (input.phone !== undefined) driver.phone = input.phone;
    if (input.active !== undefined) driver.active = input.active;
    if (input.homeNodeId !== undefined || input.homeNodeCode !== undefined) {
      driver.homeNodeId = await resolveHomeNode(this.network, countyId, { homeNodeId: input.homeNodeId, homeNodeCode: input.homeNodeCode });
    }
    if (input.vehicleId === null) driver.vehicleId = null;
    else if (input.vehicleId !== undefined) driver.vehicleId = (await this.vehicleOrFail(() => this.vehicles.get(countyId, input.vehicleId!), 'vehicleId')).id;
    else if (input.vehicleCode !== undefined) {
      driver.vehicleId = (await this.vehicleOrFail(() => this.vehicles.findByCode(countyId, input.vehicleCode!), 'vehicleCode')).id;
    }
  }

  private async vehicleOrFail(find: () => Promise<{ id: string } | null>, field: string): Promise<{ id: string }> {
    const vehicle = await find().catch(() => null);
    if (!vehicle) throw validationFailed(`the ${field} names no vehicle of this county`, [{ field, message: 'no such vehicle in this county' }]);
    return vehicle;
  }

  private async save(driver: Driver): Promise<Driver> {
    try {
      return await this.drivers.save(driver);
    } catch (error) {
      // A concurrent insert won the race for the same phone number.
      if (uniqueViolation(error)) throw conflict('a driver with this phone number already exists in this county');
      throw error;
    }
  }
}
