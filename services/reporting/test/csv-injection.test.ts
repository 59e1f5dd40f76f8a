import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { inertCell, renderTrackingSheetCsv } from '../src/modules/exports/tracking-sheet.csv';

describe(renderTrackingSheetCsv.name, () => {
  it('should turn every cell a spreadsheet would run into text, and leave ordinary words alone', () => {
    const csv = renderTrackingSheetCsv([
      {
        relationship: {
          relationshipId: 'r',
          programmeId: 'p',
          programmeName: '=cmd|" /C calc"!A0',
          cpdCategory: null,
          organizationName: null,
          organizationCity: null,
          organizationCountry: null,
          mentorId: 'm',
          mentorName: '@SUM(1+1)',
          menteeId: 'e',
          menteeName: 'Zoë Tremblay',
          menteeEmail: null,
          menteePhone: '+1 514 555 0100',
        },
        meetings: [
          {
            meetingId: 'x',
            occurredOn: '2026-03-02',
            startTime: '10:00',
            durationMinutes: 60,
            hours: 1,
            topics: ['-2+3', '\tTabbed'],
            homework: '\r=HYPERLINK("https://evil.example")',
            confirmedByMentorAt: null,
            confirmedByMenteeAt: null,
          },
        ],
      },
    ]);
    const [, row] = parse(csv) as string[][];
    expect(row[0]).toBe(`'=cmd|" /C calc"!A0`);
    expect(row[1]).toBe(`'@SUM(1+1)`);
    expect(row[2]).toBe('Zoë Tremblay');
    expect(row[3]).toBe(`'+1 514 555 0100`);
    expect(row[7]).toBe(`'-2+3; \tTabbed`);
    expect(row[8]).toBe(`'\r=HYPERLINK("https://evil.example")`);
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('should leave a cell starting with anything else as it is', () => {
    expect(inertCell('Career planning')).toBe('Career planning');
    expect(inertCell('')).toBe('');
    expect(inertCell('1.5')).toBe('1.5');
  });
});
