import { ProblemCollector } from '../../src/network/import/field-checks';
import { isServiceDay, nextServiceDay, readServiceCalendar, ServiceCalendar, serviceDaysFrom } from '../../src/network/service-calendar';
import { serviceDaysFromText } from '../../src/cli/places-csv';

const read = (value: unknown) => {
  const problems = new ProblemCollector();
  const calendar = readServiceCalendar(problems, 'serviceCalendar', value);
  return { calendar, problems: problems.problems };
};
const valid = (value: unknown): ServiceCalendar => {
  const { calendar, problems } = read(value);
  expect(problems).toEqual([]);
  return calendar!;
};

// 2026-11-30 is a Monday.
describe('service calendars', () => {
  it('serves every day by default, on its weekdays, or every N days from the anchor (before it too)', () => {
    expect(isServiceDay({ own: null, station: null }, '2026-12-01')).toBe(true);
    const monWedFri = valid({ rule: 'weekdays', weekdays: ['fri', 'mon', 'wed'] });
    expect(monWedFri).toEqual({ rule: 'weekdays', weekdays: ['mon', 'wed', 'fri'], exceptions: [] });
    expect(serviceDaysFrom({ own: monWedFri, station: null }, '2026-11-30', 7)).toEqual(['2026-11-30', '2026-12-02', '2026-12-04']);
    const everyThird = valid({ rule: 'every_n_days', everyNDays: 3, anchorDate: '2026-12-02' });
    expect(serviceDaysFrom({ own: everyThird, station: null }, '2026-11-26', 10)).toEqual(['2026-11-26', '2026-11-29', '2026-12-02', '2026-12-05']);
  });

  it("lets a village's own rule replace its station's, and exceptions decide first: the village's, then the station's", () => {
    const station = valid({ rule: 'weekdays', weekdays: ['mon', 'wed', 'fri'], exceptions: [{ type: 'closed', from: '2026-12-02', to: '2026-12-04', note: '春节' }] });
    const village = valid({ rule: 'weekdays', weekdays: ['tue', 'thu'], exceptions: [{ type: 'extra', from: '2026-12-04' }] });
    expect(serviceDaysFrom({ own: null, station }, '2026-11-30', 7)).toEqual(['2026-11-30']);
    // Its own Tue/Thu, but the station's closure takes Thursday; its own extra visit on Friday stands.
    expect(serviceDaysFrom({ own: village, station }, '2026-11-30', 7)).toEqual(['2026-12-01', '2026-12-04']);
    expect(village.exceptions).toEqual([{ type: 'extra', from: '2026-12-04', to: '2026-12-04' }]);
  });

  it('finds the next service day after a date, skipping days the village is closed; none within a year is null', () => {
    const monWedFri = valid({ rule: 'weekdays', weekdays: ['mon', 'wed', 'fri'] });
    expect(nextServiceDay({ own: monWedFri, station: null }, '2026-12-01')).toBe('2026-12-02');
    expect(nextServiceDay({ own: monWedFri, station: null }, '2026-12-02', (day) => day !== '2026-12-04')).toBe('2026-12-07');
    const closedAllYear = valid({
      rule: 'daily',
      exceptions: [
        { type: 'closed', from: '2026-12-01', to: '2027-11-30' },
        { type: 'closed', from: '2027-12-01', to: '2027-12-31' },
      ],
    });
    expect(nextServiceDay({ own: closedAllYear, station: null }, '2026-11-30')).toBeNull();
  });

  it('names every bad field: no service day, an unknown weekday, N < 1, bad dates, fields of another rule', () => {
    expect(read({ rule: 'weekdays', weekdays: [] }).problems).toEqual([{ field: 'serviceCalendar.weekdays', message: expect.stringMatching(/at least one service day/) }]);
    expect(read({ rule: 'weekdays', weekdays: ['mon', 'funday', 'mon'] }).problems.map((problem) => problem.field)).toEqual([
      'serviceCalendar.weekdays[1]',
      'serviceCalendar.weekdays[2]',
    ]);
    expect(read({ rule: 'every_n_days', everyNDays: 0, anchorDate: '2026-02-30' }).problems.map((problem) => problem.field)).toEqual([
      'serviceCalendar.everyNDays',
      'serviceCalendar.anchorDate',
    ]);
    expect(
      read({
        rule: 'daily',
        weekdays: ['mon'],
        exceptions: [
          { type: 'closed', from: '2026-12-05', to: '2026-12-01' },
          { type: 'holiday', from: 'tomorrow' },
        ],
      }).problems.map((problem) => problem.field),
    ).toEqual(['serviceCalendar.weekdays', 'serviceCalendar.exceptions[0].to', 'serviceCalendar.exceptions[1].type', 'serviceCalendar.exceptions[1].from']);
    expect(read({ rule: 'sometimes' }).problems).toEqual([{ field: 'serviceCalendar.rule', message: 'must be one of daily, weekdays, every_n_days' }]);
    expect(read({ rule: 'daily', colour: 'red' }).problems).toEqual([{ field: 'serviceCalendar.colour', message: 'property colour should not exist' }]);
    expect(read(null)).toEqual({ calendar: null, problems: [] });
  });

  it('reads the short form of the places CSV', () => {
    expect(valid(serviceDaysFromText('daily'))).toMatchObject({ rule: 'daily' });
    expect(valid(serviceDaysFromText('Tue/Fri'))).toMatchObject({ rule: 'weekdays', weekdays: ['tue', 'fri'] });
    expect(valid(serviceDaysFromText('every 2 days from 2026-11-30'))).toMatchObject({ rule: 'every_n_days', everyNDays: 2, anchorDate: '2026-11-30' });
    expect(read(serviceDaysFromText('every 0 days from 2026-11-30')).problems.map((problem) => problem.field)).toEqual(['serviceCalendar.everyNDays']);
  });
});
