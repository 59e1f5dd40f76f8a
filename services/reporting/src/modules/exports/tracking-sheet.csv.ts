import { stringify } from 'csv-stringify/sync';
import type { SheetMeeting, SheetRelationship } from './export.repository';
import { formatDay, formatHours, formatInstant, timeRange } from './export-format';

export const TRACKING_SHEET_COLUMNS = [
  'Programme',
  'Name of Mentor',
  'Name of Mentee',
  'Mentee Contact Information',
  'Date',
  'Time',
  'Hours',
  'Topics Discussed',
  'Homework',
  'Confirmed by Mentor',
  'Confirmed by Mentee',
];

/** The tracking sheet as CSV: one row per confirmed meeting, with the names and the mentee's contact on each row. */
export function renderTrackingSheetCsv(
  sections: Array<{ relationship: SheetRelationship; meetings: SheetMeeting[] }>,
): string {
  const rows = sections.flatMap(({ relationship: r, meetings }) =>
    meetings.map((m) => [
      r.programmeName ?? '',
      r.mentorName ?? '',
      r.menteeName ?? '',
      [r.menteeEmail, r.menteePhone].filter(Boolean).join('; '),
      formatDay(m.occurredOn),
      timeRange(m.startTime, m.durationMinutes),
      formatHours(m.hours),
      m.topics.join('; '),
      m.homework ?? '',
      formatInstant(m.confirmedByMentorAt),
      formatInstant(m.confirmedByMenteeAt),
    ]),
  );
  return stringify([TRACKING_SHEET_COLUMNS, ...rows.map((row) => row.map(inertCell))]);
}

/**
 * A cell a spreadsheet will show as text, never run: one starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading apostrophe (OWASP's CSV-injection rule), so a topic typed as `=HYPERLINK(…)` stays words.
 */
export function inertCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
