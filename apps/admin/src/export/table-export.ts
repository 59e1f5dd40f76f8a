/**
 * Spreadsheet exports of the admin lists, made in the browser from the rows the page fetched through the gateway
 * (so each role's access rules apply by construction: a file never holds a field the reader could not see).
 *
 * - CSV: RFC 4180 quoting by csv-stringify, a UTF-8 byte order mark so Excel reads accents, and a guard against
 *   formula injection (a text cell starting with = + - @, a tab or a carriage return is prefixed with ').
 * - XLSX: write-excel-file (one small dependency, fflate), loaded only when someone exports.
 * - Instants (DateTime) are written in the reader's time zone, named in the column header; calendar days
 *   (LocalDate) have no zone and are written as they are.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { DateTime } from 'luxon';

export type CellValue = string | number | boolean | null | undefined;

/** A column of an export: its header, how a row gives its value, and what kind of value that is. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => CellValue;
  /** `instant`: an ISO date-time, written in the reader's zone; `day`: a YYYY-MM-DD calendar day. */
  kind?: 'text' | 'number' | 'day' | 'instant';
}

/** The reader's IANA time zone (the browser's). */
export const readerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Headers as written: an instant column names the zone its values are in. */
export function headersOf<Row>(columns: readonly ExportColumn<Row>[], zone = readerTimeZone()): string[] {
  return columns.map((c) => (c.kind === 'instant' ? `${c.header} (${zone})` : c.header));
}

/** An instant in a zone as `yyyy-MM-dd HH:mm`; '' for nothing, the input as is when it is not a date-time. */
export function instantIn(value: CellValue, zone: string): string {
  if (value == null || value === '') return '';
  const at = DateTime.fromISO(String(value), { zone: 'utc' });
  return at.isValid ? at.setZone(zone).toFormat('yyyy-MM-dd HH:mm') : String(value);
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The rows as plain values, instants already in the zone. */
export function valuesOf<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[], zone: string) {
  return rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      if (c.kind === 'instant') return instantIn(v, zone);
      return v ?? null;
    }),
  );
}

/** The CSV text, with its byte order mark. Numbers stay numbers; text is guarded against formulas. */
export function toCsv<Row>(columns: readonly ExportColumn<Row>[], rows: readonly Row[], zone = readerTimeZone()) {
  const body = valuesOf(columns, rows, zone).map((cells) =>
    cells.map((v) => (v == null ? '' : typeof v === 'string' ? guardFormula(v) : String(v))),
  );
  return `\uFEFF${stringify([headersOf(columns, zone), ...body], { record_delimiter: 'windows' })}`;
}

/** The XLSX file: a bold header row, numbers as numbers, days and instants as real dates with their format. */
export async function toXlsx<Row>(
  columns: readonly ExportColumn<Row>[],
  rows: readonly Row[],
  sheet: string,
  zone = readerTimeZone(),
): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const header = headersOf(columns, zone).map((value) => ({ value, fontWeight: 'bold' as const }));
  const body = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row);
      if (v == null || v === '') return null;
      if (c.kind === 'day' && /^\d{4}-\d{2}-\d{2}/.test(String(v)))
        return { value: new Date(`${String(v).slice(0, 10)}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
      if (c.kind === 'instant') {
        // Excel has no zones: the cell holds the wall-clock time in the reader's zone (named in the header)
        const local = DateTime.fromISO(String(v), { zone: 'utc' }).setZone(zone);
        if (!local.isValid) return { value: String(v), type: String };
        const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
        return { value: new Date(wall), type: Date, format: 'yyyy-mm-dd hh:mm' };
      }
      if (typeof v === 'number') return { value: v, type: Number };
      if (typeof v === 'boolean') return { value: v, type: Boolean };
      return { value: v, type: String };
    }),
  );
  return writeXlsxFile([header, ...body], {
    sheet: sheet.slice(0, 31),
    stickyRowsCount: 1,
    columns: columns.map((c) => ({ width: c.kind === 'instant' ? 18 : c.kind === 'number' ? 10 : 24 })),
  }).toBlob();
}

/** `tandem-relationships-2026-12-06.csv`: what, and the day it was made in the reader's zone. */
export function exportFileName(name: string, extension: 'csv' | 'xlsx', zone = readerTimeZone()): string {
  const day = DateTime.now().setZone(zone).toFormat('yyyy-MM-dd');
  return `tandem-${name}-${day}.${extension}`;
}

export const csvBlob = (text: string) => new Blob([text], { type: 'text/csv;charset=utf-8' });
