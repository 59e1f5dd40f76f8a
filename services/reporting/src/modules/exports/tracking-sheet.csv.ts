import { stringify } from 'csv-stringify/sync';
import type { SheetMeeting, SheetRelationship } from './export.repository';
import { exportText, type ExportMessageId, type ExportText } from './export-messages';

const COLUMNS: ExportMessageId[] = [
  'column.programme',
  'column.mentor',
  'column.mentee',
  'column.menteeContact',
  'column.date',
  'column.time',
  'column.hours',
  'column.topics',
  'column.homework',
  'column.confirmedByMentor',
  'column.confirmedByMentee',
];

/** The header row in a language (English by default, as seed 002's sample). */
export const trackingSheetColumns = (text: ExportText = exportText('en')) => COLUMNS.map((id) => text.t(id));

/**
 * The tracking sheet as CSV: one row per counted meeting, with the names and the mentee's contact on each row (seed
 * 002's columns). Meetings an audit took back are not rows here: the PDF sheet and the letter name them.
 */
export function renderTrackingSheetCsv(
  sections: Array<{ relationship: SheetRelationship; meetings: SheetMeeting[] }>,
  text: ExportText = exportText('en'),
): string {
  const rows = sections.flatMap(({ relationship: r, meetings }) =>
    meetings.map((m) => [
      r.programmeName ?? '',
      r.mentorName ?? '',
      r.menteeName ?? '',
      [r.menteeEmail, r.menteePhone].filter(Boolean).join('; '),
      text.day(m.occurredOn),
      text.timeRange(m.startTime, m.durationMinutes),
      text.hours(m.hours),
      m.topics.join('; '),
      m.homework ?? '',
      text.instant(m.confirmedByMentorAt),
      text.instant(m.confirmedByMenteeAt),
    ]),
  );
  return stringify([trackingSheetColumns(text), ...rows.map((row) => row.map(inertCell))]);
}

/**
 * A cell a spreadsheet will show as text, never run: one starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading apostrophe (OWASP's CSV-injection rule), so a topic typed as `=HYPERLINK(…)` stays words.
 */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
