/** The CPD tracking sheet as a PDF, laid out like seed 002's sample (the table header repeated on each page). */
import type { DeniedMeetingRow, SheetMeeting, SheetRelationship } from './export.repository';
import { exportText, type ExportMessageId, type ExportText } from './export-messages';
import { MARGIN, footer, newDocument, toBuffer } from './pdf-layout';
import type { Face } from './pdf-fonts';
import { artifact, group, tag } from './pdf-tags';
import { heightOfText, writeText } from './pdf-text';

const COLUMNS: Array<{ title: ExportMessageId; width: number }> = [
  { title: 'column.date', width: 88 },
  { title: 'column.time', width: 84 },
  { title: 'column.hours', width: 44 },
  { title: 'column.topics', width: 180 },
  { title: 'column.confirmations', width: 116 },
];
const PAD = 4;

/** One relationship's page: its counted meetings, and those an audit took back (listed under the total, not counted). */
export interface SheetSection {
  relationship: SheetRelationship;
  meetings: SheetMeeting[];
  denied?: DeniedMeetingRow[];
}

const HEADER = { size: 8.5, face: 'bold' } as const;

/**
 * The table's header row: its cells are the table's TH when `table` is given; the header repeated on a later page
 * is an artifact (read once, at the top of the table).
 */
function tableHeader(
  doc: PDFKit.PDFDocument,
  y: number,
  text: ExportText,
  table: PDFKit.PDFStructureElement | null,
): number {
  const h = Math.max(
    26,
    ...COLUMNS.map((c) => heightOfText(text.t(c.title), { ...HEADER, width: c.width - 2 * PAD }) + 2 * PAD),
  );
  let x = MARGIN;
  artifact(doc, () => {
    doc
      .rect(
        MARGIN,
        y,
        COLUMNS.reduce((a, c) => a + c.width, 0),
        h,
      )
      .fillAndStroke('#e8eef5', '#333333');
    doc.fillColor('black');
  });
  const row = table ? group(doc, 'TR', table) : null;
  for (const c of COLUMNS) {
    const draw = () => writeText(doc, text.t(c.title), { ...HEADER, x: x + PAD, y: y + PAD, width: c.width - 2 * PAD });
    if (row) tag(doc, 'TH', draw, row);
    else artifact(doc, () => void draw());
    x += c.width;
  }
  row?.end();
  x = MARGIN;
  artifact(doc, () => {
    for (const c of COLUMNS) {
      doc
        .moveTo(x, y)
        .lineTo(x, y + h)
        .stroke('#333333');
      x += c.width;
    }
    doc
      .moveTo(x, y)
      .lineTo(x, y + h)
      .stroke('#333333');
  });
  return y + h;
}

/** "Sep 14, 2026\n21:00 UTC" / "14 sept. 2026\n21 h 00 UTC": short enough for the confirmations column. */
function confirmedAt(value: Date | string | null, text: ExportText): string {
  if (!value) return '—';
  const full = text.instant(value);
  const short = text.language === 'en' ? full.replace(/^(\w{3})\w*/, '$1') : full;
  return short.replace(/ (\d\d(:| h )\d\d UTC)$/, '\n$1');
}

function cellTexts(m: SheetMeeting, text: ExportText): Array<{ text: string; extra?: string }> {
  const topics = m.topics.map((t) => `• ${t}`).join('\n');
  return [
    { text: text.day(m.occurredOn) },
    { text: text.timeRange(m.startTime, m.durationMinutes) },
    { text: text.hours(m.hours) },
    { text: topics || '—', extra: m.homework ? text.t('sheet.homework', { homework: m.homework }) : undefined },
    {
      text: text.t('sheet.confirmations', {
        mentee: confirmedAt(m.confirmedByMenteeAt, text),
        mentor: confirmedAt(m.confirmedByMentorAt, text),
      }),
    },
  ];
}

function sheetHeading(doc: PDFKit.PDFDocument, r: SheetRelationship, from: string, to: string, text: ExportText) {
  const width = doc.page.width - 2 * MARGIN;
  tag(doc, 'H1', () => writeText(doc, text.t('sheet.title'), { width, size: 16, face: 'bold' }));
  doc.moveDown(0.2);
  const grey = { width, size: 9, color: '#444444' };
  const programme = [
    r.programmeName ?? text.t('sheet.programme'),
    r.organizationName,
    r.cpdCategory ? text.t('sheet.cpdCategory', { category: r.cpdCategory }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  tag(doc, 'P', () => writeText(doc, programme, grey));
  tag(doc, 'P', () => writeText(doc, text.t('sheet.period', { from: text.day(from), to: text.day(to) }), grey));
  doc.moveDown(0.8);
  const label = (name: string, value: string) => {
    tag(doc, 'P', () =>
      writeText(
        doc,
        [
          { text: text.t('sheet.label', { name }), face: 'bold' },
          { text: value || '—', face: 'regular' },
        ],
        { width, size: 10.5 },
      ),
    );
    doc.moveDown(0.25);
  };
  label(text.t('column.mentor'), r.mentorName ?? '');
  label(text.t('column.mentee'), r.menteeName ?? '');
  label(text.t('column.menteeContact'), [r.menteeEmail, r.menteePhone].filter(Boolean).join(' · '));
  doc.moveDown(0.6);
}

/** One section per relationship (each on its own page); rows break across pages with the table header repeated. */
export async function renderTrackingSheetPdf(
  sections: SheetSection[],
  from: string,
  to: string,
  options: { compress?: boolean; text?: ExportText } = {},
): Promise<Buffer> {
  const text = options.text ?? exportText('en');
  const doc = newDocument(text.t('sheet.title'), options.compress ?? true, text.language);
  const bottom = () => doc.page.height - MARGIN - 14;
  const width = doc.page.width - 2 * MARGIN;
  if (!sections.length) {
    tag(doc, 'H1', () => writeText(doc, text.t('sheet.title'), { width, size: 16, face: 'bold' }));
    doc.moveDown();
    tag(doc, 'P', () =>
      writeText(doc, text.t('sheet.nothingBetween', { from: text.day(from), to: text.day(to) }), {
        width,
        size: 10.5,
      }),
    );
  }
  sections.forEach(({ relationship, meetings, denied = [] }, index) => {
    if (index > 0) doc.addPage();
    sheetHeading(doc, relationship, from, to, text);
    const table = group(doc, 'Table');
    let y = tableHeader(doc, doc.y, text, table);
    let total = 0;
    for (const m of meetings) {
      total += m.hours;
      const cells = cellTexts(m, text);
      const cell = (i: number, face: Face = 'regular') => ({ width: COLUMNS[i].width - 2 * PAD, size: 8.5, face });
      const heights = cells.map(
        (c, i) => heightOfText(c.text, cell(i)) + (c.extra ? heightOfText(c.extra, cell(i, 'italic')) + 3 : 0),
      );
      const maxRow = bottom() - MARGIN - 30;
      const rowH = Math.min(Math.max(...heights) + 2 * PAD, maxRow);
      if (y + rowH > bottom()) {
        doc.addPage();
        y = tableHeader(doc, MARGIN, text, null);
      }
      let x = MARGIN;
      const row = group(doc, 'TR', table);
      cells.forEach((c, i) => {
        tag(
          doc,
          'TD',
          () => {
            writeText(doc, c.text, { ...cell(i), x: x + PAD, y: y + PAD, maxHeight: rowH - 2 * PAD });
            if (c.extra)
              writeText(doc, c.extra, {
                ...cell(i, 'italic'),
                x: x + PAD,
                y: doc.y + 3,
                maxHeight: Math.max(10, y + rowH - PAD - doc.y - 3),
                color: '#333333',
              });
          },
          row,
        );
        x += COLUMNS[i].width;
      });
      row.end();
      doc.fillColor('black');
      artifact(doc, () => {
        doc
          .rect(
            MARGIN,
            y,
            COLUMNS.reduce((a, col) => a + col.width, 0),
            rowH,
          )
          .stroke('#333333');
        x = MARGIN;
        for (const col of COLUMNS.slice(0, -1)) {
          x += col.width;
          doc
            .moveTo(x, y)
            .lineTo(x, y + rowH)
            .stroke('#333333');
        }
      });
      y += rowH;
    }
    table.end();
    if (y + 40 > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    tag(doc, 'P', () =>
      writeText(doc, text.t('sheet.total', { count: meetings.length, hours: text.hours(total) }), {
        x: MARGIN,
        y: y + 10,
        width,
        size: 10,
        face: 'bold',
      }),
    );
    if (!meetings.length)
      tag(doc, 'P', () =>
        writeText(doc, text.t('sheet.nothingInPeriod'), {
          x: MARGIN,
          y: doc.y + 4,
          width,
          size: 9,
        }),
      );
    if (denied.length) {
      if (doc.y + 60 > bottom()) doc.addPage();
      else doc.moveDown(1);
      tag(doc, 'H2', () => writeText(doc, text.t('sheet.deniedTitle'), { x: MARGIN, width, size: 10.5, face: 'bold' }));
      for (const d of denied) {
        const line = text.t('sheet.denied', {
          day: text.day(d.occurredOn),
          time: text.timeRange(d.startTime, d.durationMinutes),
          hours: text.hours(d.hours),
          decided: text.day(new Date(d.decidedAt).toISOString().slice(0, 10)),
        });
        if (doc.y + 30 > bottom()) doc.addPage();
        tag(doc, 'P', () => writeText(doc, line, { x: MARGIN, y: doc.y + 3, width, size: 9 }));
      }
    }
  });
  footer(doc, text.t('sheet.footer', { day: text.day(new Date().toISOString().slice(0, 10)) }), text);
  return toBuffer(doc);
}
