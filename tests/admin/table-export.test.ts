import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { guardFormula, headersOf, instantIn, toCsv, type ExportColumn } from '../../apps/admin/src/export/table-export';

interface Row {
  name: string;
  hours: number | null;
  at: string | null;
  on: string;
}

const COLUMNS: ExportColumn<Row>[] = [
  { header: 'Name', value: (r) => r.name },
  { header: 'Hours', value: (r) => r.hours, kind: 'number' },
  { header: 'Proposed at', value: (r) => r.at, kind: 'instant' },
  { header: 'Started on', value: (r) => r.on, kind: 'day' },
];

describe('table export', () => {
  it('should prefix the cells a spreadsheet would run as formulas, and only those', () => {
    for (const s of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(guardFormula(s)).toBe(`'${s}`);
    for (const s of ['Ada', '1-2', 'a=b', '', "'quoted"]) expect(guardFormula(s)).toBe(s);
  });

  it('should name the reader’s zone in the header of an instant column and write instants in it', () => {
    expect(headersOf(COLUMNS, 'America/Toronto')).toEqual([
      'Name',
      'Hours',
      'Proposed at (America/Toronto)',
      'Started on',
    ]);
    // 02:30 UTC on 1 March is 21:30 the day before in Toronto (EST, UTC-5)
    expect(instantIn('2026-03-01T02:30:00.000Z', 'America/Toronto')).toBe('2026-02-28 21:30');
    expect(instantIn('2026-07-01T02:30:00.000Z', 'Europe/Paris')).toBe('2026-07-01 04:30');
    expect(instantIn(null, 'UTC')).toBe('');
  });

  it('should write a CSV with a byte order mark that parses back to the same cells, quoting what needs it', () => {
    const rows: Row[] = [
      { name: 'Zoë "Z" Dupont, CPA', hours: 1.5, at: '2026-03-01T02:30:00.000Z', on: '2026-02-01' },
      { name: '=HYPERLINK("http://evil")', hours: null, at: null, on: '2026-02-02' },
      { name: 'Line\nbreak', hours: 0, at: '2026-07-01T12:00:00.000Z', on: '2026-02-03' },
    ];
    const text = toCsv(COLUMNS, rows, 'America/Toronto');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = parse(text.slice(1)) as string[][];
    expect(parsed).toEqual([
      ['Name', 'Hours', 'Proposed at (America/Toronto)', 'Started on'],
      ['Zoë "Z" Dupont, CPA', '1.5', '2026-02-28 21:30', '2026-02-01'],
      ['\'=HYPERLINK("http://evil")', '', '', '2026-02-02'],
      ['Line\nbreak', '0', '2026-07-01 08:00', '2026-02-03'],
    ]);
    expect(text).toContain('\r\n');
  });
});
