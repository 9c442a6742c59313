import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { Clock } from '../infra/clock/clock';
import { validationFailed } from '../infra/errors/domain-error';
import { NetworkQueryService } from './network-query.service';
import { ProblemCollector } from './import/field-checks';
import { NetworkNode } from './network-node.entity';
import { readServiceCalendar, ServiceCalendar, serviceDaysFrom, VillageCalendars } from './service-calendar';

/** A node's calendar as an operator checks it: its own, the one its villages follow, and the next service days. */
export interface ServiceCalendarView {
  node: NetworkNode;
  /** The township station whose calendar applies, for a village without one of its own (or with one: for the station's exceptions). */
  station: NetworkNode | null;
  calendars: VillageCalendars;
  /** Local dates from the county's today (the Clock) over the next `UPCOMING_DAYS` days. */
  upcomingServiceDays: string[];
}

export const UPCOMING_DAYS = 28;

/**
 * Reads and sets service calendars (village points; township stations as their villages' default).
 * A calendar does not change the road graph, so the network version (and every cached matrix) stays.
 */
@Injectable()
export class ServiceCalendarsService {
  constructor(
    @InjectRepository(NetworkNode) private readonly nodes: Repository<NetworkNode>,
    private readonly query: NetworkQueryService,
    private readonly counties: CountiesService,
    private readonly clock: Clock,
  ) {}

  async get(countyId: string, nodeId: string): Promise<ServiceCalendarView> {
    return this.view(countyId, await this.query.getNode(countyId, nodeId));
  }

  /** Replaces the node's own calendar; a calendar that does not pass every check writes nothing (400 naming each field). */
  async set(countyId: string, nodeId: string, body: unknown): Promise<ServiceCalendarView> {
    const node = await this.query.getNode(countyId, nodeId);
    const problems = new ProblemCollector();
    const calendar = readServiceCalendar(problems, '', body ?? {});
    if (calendar === undefined || calendar === null) {
      throw validationFailed(`invalid service calendar: ${problems.problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`, problems.problems);
    }
    return this.store(countyId, node, calendar);
  }

  /** Back to no calendar of its own: a village follows its station again, a station's villages are served every day. */
  async remove(countyId: string, nodeId: string): Promise<ServiceCalendarView> {
    return this.store(countyId, await this.query.getNode(countyId, nodeId), null);
  }

  private async store(countyId: string, node: NetworkNode, calendar: ServiceCalendar | null): Promise<ServiceCalendarView> {
    if (node.tier === 'county_hub') {
      throw validationFailed('a county_hub has no service calendar: set it on a township station (its villages’ default) or a village point', [
        { field: 'nodeId', message: 'must be a township station or a village point' },
      ]);
    }
    await this.nodes.update({ countyId, id: node.id }, { serviceCalendar: calendar });
    return this.view(countyId, { ...node, serviceCalendar: calendar });
  }

  private async view(countyId: string, node: NetworkNode): Promise<ServiceCalendarView> {
    const station = node.tier === 'village_point' && node.parentId ? await this.nodes.findOne({ where: { countyId, id: node.parentId } }) : null;
    const calendars: VillageCalendars =
      node.tier === 'village_point' ? { own: node.serviceCalendar, station: station?.serviceCalendar ?? null } : { own: null, station: node.serviceCalendar };
    const county = await this.counties.get(countyId);
    return { node, station, calendars, upcomingServiceDays: serviceDaysFrom(calendars, this.clock.today(county.timeZone), UPCOMING_DAYS) };
  }
}
