/**
 * The time zones identity accepts (time-zone.ts): every name a browser can report as its zone, which the
 * participant app proposes at registration, and nothing else (issue 20).
 */
import { describe, expect, it } from 'vitest';
import { isTimeZone } from '../src/modules/time-zone/time-zone';

describe('isTimeZone', () => {
  it('should accept every zone the runtime lists, and UTC', () => {
    const refused = [...Intl.supportedValuesOf('timeZone'), 'UTC'].filter((z) => !isTimeZone(z));
    expect(refused).toEqual([]);
  });

  it('should accept the fixed-offset zones a browser reports, from UTC-12 to UTC+14 (Etc/GMT-14 is UTC+14)', () => {
    const etc = Array.from({ length: 27 }, (_, i) => i - 14)
      .map((n) => (n === 0 ? 'Etc/GMT' : `Etc/GMT${n > 0 ? '+' : '-'}${Math.abs(n)}`))
      .filter((z) => z !== 'Etc/GMT+13' && z !== 'Etc/GMT+14');
    expect(etc).toContain('Etc/GMT-14');
    expect(etc.filter((z) => !isTimeZone(z))).toEqual([]);
    expect(isTimeZone('Etc/UTC')).toBe(true);
  });

  it('should accept both spellings of a zone that runtimes name differently', () => {
    for (const z of ['Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'Europe/Kiev', 'America/Argentina/Buenos_Aires'])
      expect(isTimeZone(z), z).toBe(true);
  });

  it('should refuse abbreviations, offsets, unknown names and non-strings', () => {
    for (const z of [
      'EST',
      'PST',
      'GMT',
      'EST5EDT',
      '+05:00',
      'UTC+2',
      'Pacific Time',
      'Mars/Olympus_Mons',
      'Etc/GMT-15',
      '',
    ])
      expect(isTimeZone(z), z).toBe(false);
    expect(isTimeZone(null)).toBe(false);
    expect(isTimeZone(3)).toBe(false);
  });
});
