import type { ServiceCalendar, WeekdayName } from '../../network/service-calendar';
import type { DemoRoadFeature } from './demo-county.types';

/** The service-calendar rule of the demo county's township stations (documented in docs/demo-county.md). */
export const SERVICE_CALENDAR_RULE = {
  /** Within this trunk-road distance of the hub a township is served every day. */
  dailyWithinM: 25_000,
  /** Reached from the hub over secondary (valley) roads only: every day too. */
  dailyAlongSecondaryRoads: true,
  /** Farther townships three days a week up to this distance, twice a week beyond it. */
  thriceWeeklyWithinM: 60_000,
  /** Alternating patterns (by station code) so that the fleet's load spreads over the week. */
  thriceWeekly: [
    ['mon', 'wed', 'fri'],
    ['tue', 'thu', 'sat'],
  ] as WeekdayName[][],
  twiceWeekly: [
    ['tue', 'fri'],
    ['mon', 'thu'],
  ] as WeekdayName[][],
  /** Spring Festival 2027 (初一 is 6 February): every station closes 初一–初三. */
  springFestivalClosed: { from: '2027-02-06', to: '2027-02-08', note: '春节' },
  /** Remote townships get one extra visit before it, so New Year goods go up in time (腊月廿八). */
  springFestivalExtra: { from: '2027-02-04', to: '2027-02-04', note: '春节前加班' },
} as const;

export interface StationCalendar {
  stationCode: string;
  trunkDistanceM: number;
  calendar: ServiceCalendar;
}

/**
 * Each township station's calendar, the default of its villages: daily near the county seat and
 * along the valley roads out of it; three or two days a week in the remote townships. Pure.
 */
export function demoStationCalendars(hubCode: string, stationCodes: readonly string[], roads: readonly DemoRoadFeature[]): StationCalendar[] {
  const rule = SERVICE_CALENDAR_RULE;
  const trunk = roads.filter(
    (road) => road.properties.from === hubCode || road.properties.to === hubCode || (stationCodes.includes(road.properties.from) && stationCodes.includes(road.properties.to)),
  );
  const all = shortestTrunkPaths(hubCode, trunk, () => true);
  const valley = shortestTrunkPaths(hubCode, trunk, (road) => road.properties.roadClass === 'secondary');
  const remote = [...stationCodes].sort().filter((code) => !(all.get(code)! <= rule.dailyWithinM || (rule.dailyAlongSecondaryRoads && valley.has(code))));
  return stationCodes.map((stationCode) => {
    const trunkDistanceM = Math.round(all.get(stationCode) ?? Infinity);
    const position = remote.indexOf(stationCode);
    if (position < 0) return { stationCode, trunkDistanceM, calendar: { rule: 'daily', exceptions: [{ type: 'closed', ...rule.springFestivalClosed }] } };
    const patterns = trunkDistanceM <= rule.thriceWeeklyWithinM ? rule.thriceWeekly : rule.twiceWeekly;
    return {
      stationCode,
      trunkDistanceM,
      calendar: {
        rule: 'weekdays',
        weekdays: [...patterns[position % patterns.length]!],
        exceptions: [
          { type: 'closed', ...rule.springFestivalClosed },
          { type: 'extra', ...rule.springFestivalExtra },
        ],
      },
    };
  });
}

/** Road distance from the hub over the roads `usable` allows (Dijkstra on a graph of some twenty nodes). */
function shortestTrunkPaths(hubCode: string, roads: readonly DemoRoadFeature[], usable: (road: DemoRoadFeature) => boolean): Map<string, number> {
  const distance = new Map<string, number>([[hubCode, 0]]);
  const done = new Set<string>();
  for (;;) {
    let current: string | null = null;
    for (const [code, metres] of distance) if (!done.has(code) && (current === null || metres < distance.get(current)!)) current = code;
    if (current === null) return distance;
    done.add(current);
    for (const road of roads.filter(usable)) {
      const { from, to, lengthM } = road.properties;
      const other = from === current ? to : to === current ? from : null;
      if (other === null) continue;
      const through = distance.get(current)! + lengthM;
      if (through < (distance.get(other) ?? Infinity)) distance.set(other, through);
    }
  }
}
