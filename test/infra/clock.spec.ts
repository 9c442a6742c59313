import { ConfigError, loadAppConfig } from '../../src/infra/config/app-config';
import { Clock, localDateOf } from '../../src/infra/clock/clock';

describe('Clock', () => {
  it('reads the system clock when CLOCK_START is not set', () => {
    const clock = new Clock(loadAppConfig({}));
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('starts at CLOCK_START and runs at real speed', async () => {
    const clock = new Clock(loadAppConfig({ CLOCK_START: '2026-12-01T23:30:00+08:00' }));
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2026-12-01T15:30:00Z'))).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
    expect(clock.today('Asia/Shanghai')).toBe('2026-12-01');
    expect(clock.today('UTC')).toBe('2026-12-01');
  });

  it('gives the local date in the county time zone, not in UTC', () => {
    expect(localDateOf(new Date('2026-12-01T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-12-02');
    expect(localDateOf(new Date('2026-12-01T16:30:00Z'), 'UTC')).toBe('2026-12-01');
  });

  it('refuses a CLOCK_START without an offset or that is not a date', () => {
    expect(() => loadAppConfig({ CLOCK_START: '2026-12-01T08:00:00' })).toThrow(ConfigError);
    expect(() => loadAppConfig({ CLOCK_START: 'tomorrow' })).toThrow(/CLOCK_START/);
    expect(() => loadAppConfig({ CLOCK_START: '2026-13-45T08:00:00Z' })).toThrow(/CLOCK_START/);
  });
});
