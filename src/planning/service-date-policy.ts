import { Injectable } from '@nestjs/common';
import { CountiesService } from '../counties/counties.service';
import { Clock } from '../infra/clock/clock';
import { validationFailed } from '../infra/errors/domain-error';
import { addDays, daysBetween } from '../infra/time/calendar-date';

/**
 * Which service dates a plan may be requested for: from the county's local today (the Clock, never an
 * API parameter) up to its planning horizon. A past date would re-route parcels that are already on
 * the road or delivered; a date far ahead is almost always a typo, and would hold shipments back.
 */
@Injectable()
export class ServiceDatePolicy {
  constructor(
    private readonly clock: Clock,
    private readonly counties: CountiesService,
  ) {}

  /** Throws a 400 naming `serviceDate` unless `serviceDate` (a valid YYYY-MM-DD) is plannable in the county now. */
  async assertPlannable(countyId: string, serviceDate: string): Promise<void> {
    const county = await this.counties.get(countyId);
    const today = this.clock.today(county.timeZone);
    const daysAhead = daysBetween(today, serviceDate);
    if (daysAhead < 0) {
      throw validationFailed(`serviceDate ${serviceDate} is in the past (today is ${today} in ${county.timeZone})`, [
        { field: 'serviceDate', message: `must be today (${today}) or later` },
      ]);
    }
    if (daysAhead > county.planningHorizonDays) {
      const last = addDays(today, county.planningHorizonDays);
      throw validationFailed(`serviceDate ${serviceDate} is beyond the county's planning horizon of ${county.planningHorizonDays} days (last plannable date ${last})`, [
        { field: 'serviceDate', message: `must be ${last} or earlier (planningHorizonDays ${county.planningHorizonDays})` },
      ]);
    }
  }
}
