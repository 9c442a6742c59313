import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DriversService } from '../../fleet/drivers.service';
import { Clock } from '../../infra/clock/clock';
import { notFound } from '../../infra/errors/domain-error';
import { DriverDevice } from './driver-device.entity';

/** The devices a driver signed in on, for operators: listed, disabled (a lost phone) or enabled again. */
@Injectable()
export class DriverDevicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly drivers: DriversService,
    private readonly clock: Clock,
  ) {}

  async list(countyId: string, driverId: string): Promise<Array<DriverDevice & { activeSessions: number }>> {
    await this.drivers.get(countyId, driverId);
    const devices = await this.dataSource.getRepository(DriverDevice).find({ where: { countyId, driverId }, order: { createdAt: 'ASC' } });
    const counts: Array<{ device_id: string; sessions: number }> = await this.dataSource.query(
      `SELECT device_id, count(DISTINCT family_id)::int AS sessions FROM driver_refresh_token
        WHERE driver_id = $1 AND revoked_at IS NULL AND rotated_at IS NULL AND expires_at > $2 GROUP BY device_id`,
      [driverId, this.clock.now()],
    );
    const sessions = new Map(counts.map((row) => [row.device_id, row.sessions]));
    return devices.map((device) => Object.assign(device, { activeSessions: sessions.get(device.id) ?? 0 }));
  }

  /** Disabling keeps the refresh tokens: a disabled phone may still sync what it recorded before (with a sync-only token). */
  async setEnabled(countyId: string, driverId: string, deviceId: string, enabled: boolean): Promise<DriverDevice> {
    const repository = this.dataSource.getRepository(DriverDevice);
    const device = await repository.findOne({ where: { countyId, driverId, id: deviceId } });
    if (!device) throw notFound('device', deviceId);
    if (enabled) device.disabledAt = null;
    else device.disabledAt ??= this.clock.now();
    return repository.save(device);
  }
}
