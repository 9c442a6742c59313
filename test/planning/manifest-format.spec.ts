import { findCjkFont } from '../../src/planning/manifests/cjk-font';
import { code128Widths } from '../../src/planning/manifests/code128';
import { parseExportQuery } from '../../src/planning/manifests/export-response';
import { formatYuan, wallClock } from '../../src/planning/manifests/manifest-labels';
import { instantToLocalIso } from '../../src/planning/planner/local-time';

describe('manifest formatting', () => {
  it("writes an instant in the county's wall-clock time with its offset", () => {
    const instant = new Date('2026-11-29T23:05:00Z');
    expect(instantToLocalIso(instant, 'Asia/Shanghai')).toBe('2026-11-30T07:05:00+08:00');
    expect(instantToLocalIso(instant, 'UTC')).toBe('2026-11-29T23:05:00+00:00');
    expect(instantToLocalIso(instant, 'Asia/Kolkata')).toBe('2026-11-30T04:35:00+05:30');
    // Either side of a daylight-saving change, and west of Greenwich.
    expect(instantToLocalIso(new Date('2026-03-08T06:59:00Z'), 'America/New_York')).toBe('2026-03-08T01:59:00-05:00');
    expect(instantToLocalIso(new Date('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('2026-03-08T03:00:00-04:00');
    expect(wallClock(instantToLocalIso(instant, 'Asia/Shanghai'))).toBe('07:05');
  });

  it('prints fen as yuan with integer arithmetic', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(12_550)).toBe('¥125.50');
    expect(formatYuan(100_000_001)).toBe('¥1000000.01');
  });

  it('encodes Code 128 with a start, a check symbol and a stop: 11 modules a symbol, 13 for the stop', () => {
    const widths = code128Widths('JD0001234567-1');
    expect(widths.length % 2).toBe(1);
    const modules = widths.reduce((sum, width) => sum + width, 0);
    // Code set C packs digit pairs, so the symbol count depends on the text; start, symbols and check are 11 modules each, the stop 13.
    expect((modules - 13) % 11).toBe(0);
    expect(code128Widths('A')).toEqual(code128Widths('A'));
    expect(code128Widths('A')).not.toEqual(code128Widths('B'));
  });

  it('accepts json, csv and pdf in zh or en, json and zh by default, and refuses the rest with a 400', () => {
    expect(parseExportQuery(undefined, undefined)).toEqual({ format: 'json', language: 'zh' });
    expect(parseExportQuery('pdf', 'en')).toEqual({ format: 'pdf', language: 'en' });
    expect(() => parseExportQuery('xlsx', undefined)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    expect(() => parseExportQuery('csv', 'fr')).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('says where to get the font when the configured one is missing', () => {
    expect(() => findCjkFont({ MANIFEST_FONT_PATH: '/nowhere/font.ttf' })).toThrow(/MANIFEST_FONT_PATH \/nowhere\/font.ttf does not exist/);
  });
});
