/**
 * The day a date field holds, written out in the app's language beside the browser's own date control (issue 22):
 * the browser draws `<input type="date">` in its interface language and format, so the words say which day it is.
 * Without a browser; the field itself is checked in French in tests/web/french-a11y.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { dayInWords } from '../../packages/ui/lib/day-in-words';

describe('dayInWords', () => {
  it('should write a day out with its weekday in English and in Canadian French', () => {
    expect(dayInWords('2026-03-05', 'en')).toBe('Thursday, March 5, 2026');
    expect(dayInWords('2026-03-05', 'fr-CA')).toBe('jeudi 5 mars 2026');
    // the same day wherever the browser is: the day is read as a calendar day, not an instant
    expect(dayInWords('2026-12-31', 'fr-CA')).toBe('jeudi 31 décembre 2026');
  });

  it('should write nothing for an empty, partial or impossible day', () => {
    for (const day of ['', null, undefined, '2026-03', '05/03/2026', '2026-02-30', '2026-13-01'])
      expect(dayInWords(day, 'en'), String(day)).toBe('');
  });
});
