import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALENDAR_EXCEPTION_TYPES, CALENDAR_RULES, ServiceCalendar, WEEKDAY_NAMES } from './service-calendar';
import { ServiceCalendarView } from './service-calendars.service';

export class CalendarExceptionDto {
  @ApiProperty({ enum: CALENDAR_EXCEPTION_TYPES, description: 'closed: no service from..to; extra: served from..to whatever the rule says' }) type!: string;
  @ApiProperty({ example: '2027-02-06', description: 'local date, YYYY-MM-DD' }) from!: string;
  @ApiPropertyOptional({ example: '2027-02-08', description: 'last day, included; `from` when omitted; at most 366 days after it' }) to?: string;
  @ApiPropertyOptional({ example: '春节', maxLength: 200 }) note?: string;
}

/** The body of PUT …/service-calendar, and the shape of every calendar in answers and in the GeoJSON import. */
export class ServiceCalendarDto {
  @ApiProperty({ enum: CALENDAR_RULES, description: 'daily; weekdays (with `weekdays`); every_n_days (with `everyNDays` and `anchorDate`)' }) rule!: string;
  @ApiPropertyOptional({ enum: WEEKDAY_NAMES, isArray: true, example: ['mon', 'wed', 'fri'], description: 'rule weekdays: at least one' }) weekdays?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 366, example: 2, description: 'rule every_n_days: served every N days' }) everyNDays?: number;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'rule every_n_days: a day it is served' }) anchorDate?: string;
  @ApiPropertyOptional({ type: [CalendarExceptionDto], description: "dated exceptions; a village's own win over its station's" }) exceptions?: CalendarExceptionDto[];
}

export class CalendarNodeRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class ServiceCalendarResponse {
  @ApiProperty({ type: CalendarNodeRef }) node!: CalendarNodeRef;
  @ApiProperty({ enum: ['township_station', 'village_point'] }) tier!: string;
  @ApiProperty({ type: ServiceCalendarDto, nullable: true, description: 'its own calendar; null: none' }) own!: ServiceCalendar | null;
  @ApiProperty({ type: CalendarNodeRef, nullable: true, description: "a village's township station, whose calendar is the default and whose exceptions apply too" })
  station!: CalendarNodeRef | null;
  @ApiProperty({ type: ServiceCalendarDto, nullable: true, description: "a village's station calendar (a station's own is `own`)" }) stationCalendar!: ServiceCalendar | null;
  @ApiProperty({ enum: ['own', 'station', 'daily'], description: "where the rule in force comes from: its own, its station's, or none (served every day)" }) ruleFrom!: string;
  @ApiProperty({ type: [String], example: ['2026-11-30', '2026-12-02'], description: "service days over the next 28 days from the county's today" })
  upcomingServiceDays!: string[];
}

const ref = (node: { id: string; code: string; name: string }): CalendarNodeRef => ({ id: node.id, code: node.code, name: node.name });

export function toServiceCalendarResponse(view: ServiceCalendarView): ServiceCalendarResponse {
  const { own, station } = view.calendars;
  const village = view.node.tier === 'village_point';
  return {
    node: ref(view.node),
    tier: view.node.tier,
    own: view.node.serviceCalendar,
    station: view.station ? ref(view.station) : null,
    stationCalendar: village ? station : null,
    ruleFrom: own ? 'own' : station ? (village ? 'station' : 'own') : 'daily',
    upcomingServiceDays: view.upcomingServiceDays,
  };
}
