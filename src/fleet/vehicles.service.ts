import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { conflict, notFound, validationFailed } from '../infra/errors/domain-error';
import { NetworkQueryService } from '../network/network-query.service';
import { CreateVehicleDto, REQUIRED_VEHICLE_FIELDS, UpdateVehicleDto } from './dto/vehicle.dto';
import { uniqueViolation } from '../infra/database/unique-violation';
import { resolveHomeNode } from './home-node-reference';
import { clockToSeconds } from '../infra/time/clock-time';
import { VehicleClass } from '@rural-dispatch/routing';
import { Vehicle } from './vehicle.entity';
import { DEFAULT_VEHICLE_COSTS } from './vehicle-cost-defaults';
import { rowVersionsSql } from '../infra/database/row-versions';

export interface VehicleListFilter {
  vehicleClass?: VehicleClass;
  active?: boolean;
}

/** SQL: the row versions of the vehicles in the uuid[] expression `ids`, for a cached view of them to be checked against (rowVersionsSql). */
export function vehicleVersionsSql(ids: string): string {
  return rowVersionsSql('vehicle', 'id', ids);
}

@Injectable()
export class VehiclesService {
  constructor(
    @InjectRepository(Vehicle) private readonly vehicles: Repository<Vehicle>,
    private readonly network: NetworkQueryService,
  ) {}

  async create(countyId: string, input: CreateVehicleDto): Promise<Vehicle> {
    const missing = REQUIRED_VEHICLE_FIELDS.filter((field) => input[field] === undefined);
    if (input.homeNodeId === undefined && input.homeNodeCode === undefined) missing.push('homeNodeId' as never);
    if (missing.length > 0) {
      throw validationFailed(
        `missing ${missing.join(', ')}`,
        missing.map((field) => ({ field, message: 'is required' })),
      );
    }
    if (await this.vehicles.exist({ where: { countyId, code: input.code } })) throw conflict(`a vehicle with code ${input.code} already exists in this county`);
    // Costs not given take the class's defaults (never 0); given ones, explicit zeros included, win in apply().
    const vehicle = this.vehicles.create({ countyId, active: true, ...DEFAULT_VEHICLE_COSTS[input.vehicleClass], maxDurationS: null });
    await this.apply(countyId, vehicle, input);
    return this.save(vehicle);
  }

  async update(countyId: string, id: string, input: UpdateVehicleDto): Promise<Vehicle> {
    const vehicle = await this.get(countyId, id);
    if (input.code !== undefined && input.code !== vehicle.code && (await this.vehicles.exist({ where: { countyId, code: input.code } }))) {
      throw conflict(`a vehicle with code ${input.code} already exists in this county`);
    }
    await this.apply(countyId, vehicle, input);
    return this.save(vehicle);
  }

  /** Creates or updates the vehicle with this code (demo seeding is re-runnable). */
  async upsertByCode(countyId: string, input: CreateVehicleDto): Promise<Vehicle> {
    const existing = await this.vehicles.findOne({ where: { countyId, code: input.code } });
    return existing ? this.update(countyId, existing.id, input) : this.create(countyId, input);
  }

  async get(countyId: string, id: string): Promise<Vehicle> {
    const vehicle = await this.vehicles.findOne({ where: { countyId, id } });
    if (!vehicle) throw notFound('vehicle', id);
    return vehicle;
  }

  findByCode(countyId: string, code: string): Promise<Vehicle | null> {
    return this.vehicles.findOne({ where: { countyId, code } });
  }

  list(countyId: string, filter: VehicleListFilter = {}): Promise<Vehicle[]> {
    return this.vehicles.find({ where: { countyId, ...filter }, order: { code: 'ASC' } });
  }

  /** Vehicles per class, for the network summary. */
  async countByClass(countyId: string): Promise<Record<string, number>> {
    const rows: Array<{ vehicle_class: string; count: string }> = await this.vehicles.query(
      'SELECT vehicle_class, count(*) AS count FROM vehicle WHERE county_id = $1 GROUP BY vehicle_class',
      [countyId],
    );
    return Object.fromEntries(rows.map((row) => [row.vehicle_class, Number(row.count)]));
  }

  private async apply(countyId: string, vehicle: Vehicle, input: UpdateVehicleDto): Promise<void> {
    const { homeNodeId, homeNodeCode, shiftStart, shiftEnd, ...plain } = input;
    Object.assign(vehicle, Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined)));
    if (homeNodeId !== undefined || homeNodeCode !== undefined) vehicle.homeNodeId = await resolveHomeNode(this.network, countyId, { homeNodeId, homeNodeCode });
    if (shiftStart !== undefined) vehicle.shiftStartS = clockToSeconds(shiftStart);
    if (shiftEnd !== undefined) vehicle.shiftEndS = clockToSeconds(shiftEnd);
    if (vehicle.shiftEndS <= vehicle.shiftStartS) {
      throw validationFailed('the shift must end after it starts', [{ field: 'shiftEnd', message: 'must be later than shiftStart' }]);
    }
  }

  private async save(vehicle: Vehicle): Promise<Vehicle> {
    try {
      return await this.vehicles.save(vehicle);
    } catch (error) {
      // A concurrent insert won the race for the same code.
      if (uniqueViolation(error)) throw conflict(`a vehicle with code ${vehicle.code} already exists in this county`);
      throw error;
    }
  }
}
