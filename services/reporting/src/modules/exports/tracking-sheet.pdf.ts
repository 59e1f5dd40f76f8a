/** The CPD tracking sheet as a PDF, laid out like seed 002's sample (the table header repeated on each page). */
import type { SheetMeeting, SheetRelationship } from './export.repository';
import { formatDay, formatHours, formatInstant, timeRange } from './export-format';
import { MARGIN, footer, newDocument, toBuffer } from './pdf-layout';
import type { Face } from './pdf-fonts';
import { heightOfText, writeText } from './pdf-text';

const COLUMNS = [
  { title: 'Date', width: 88 },
  { title: 'Time', width: 84 },
  { title: 'Hours', width: 34 },
  { title: 'Topics Discussed', width: 190 },
  { title: 'Confirmed by Mentee / Mentor', width: 116 },
];
const PAD = 4;

const HEADER = { size: 8.5, face: 'bold' } as const;

function tableHeader(doc: PDFKit.PDFDocument, y: number): number {
  const h = Math.max(
    26,
    ...COLUMNS.map((c) => heightOfText(c.title, { ...HEADER, width: c.width - 2 * PAD }) + 2 * PAD),
  );
  let x = MARGIN;
  doc
    .rect(
      MARGIN,
      y,
      COLUMNS.reduce((a, c) => a + c.width, 0),
      h,
    )
    .fillAndStroke('#e8eef5', '#333333');
  doc.fillColor('black');
  for (const c of COLUMNS) {
    writeText(doc, c.title, { ...HEADER, x: x + PAD, y: y + PAD, width: c.width - 2 * PAD });
    x += c.width;
  }
  x = MARGIN;
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
  return y + h;
}

/** "Sep 14, 2026\n21:00 UTC": short enough for the confirmations column. */
function confirmedAt(value: Date | string | null): string {
  if (!value) return '—';
  const full = formatInstant(value);
  const [month, ...rest] = full.split(' ');
  return `${month.slice(0, 3)} ${rest.join(' ')}`.replace(/ (\d\d:\d\d UTC)$/, '\n$1');
}

function cellTexts(m: SheetMeeting): Array<{ text: string; extra?: string }> {
  const topics = m.topics.map((t) => `• ${t}`).join('\n');
  return [
    { text: formatDay(m.occurredOn) },
    { text: timeRange(m.startTime, m.durationMinutes) },
    { text: formatHours(m.hours) },
    { text: topics || '—', extra: m.homework ? `Homework: ${m.homework}` : undefined },
    { text: `Mentee: ${confirmedAt(m.confirmedByMenteeAt)}\nMentor: ${confirmedAt(m.confirmedByMentorAt)}` },
  ];
}

function sheetHeading(doc: PDFKit.PDFDocument, r: SheetRelationship, from: string, to: string) {
  const width = doc.page.width - 2 * MARGIN;
  writeText(doc, 'Mentoring Relationship Tracking Sheet', { width, size: 16, face: 'bold' });
  doc.moveDown(0.2);
  const grey = { width, size: 9, color: '#444444' };
  writeText(
    doc,
    `${r.programmeName ?? 'Mentoring programme'}${r.organizationName ? ` · ${r.organizationName}` : ''}${r.cpdCategory ? ` · CPD category: ${r.cpdCategory}` : ''}`,
    grey,
  );
  writeText(
    doc,
    `Period: ${formatDay(from)} – ${formatDay(to)}. Each session below was confirmed electronically by both the mentee and the mentor.`,
    grey,
  );
  doc.moveDown(0.8);
  const label = (name: string, value: string) => {
    writeText(
      doc,
      [
        { text: `${name}: `, face: 'bold' },
        { text: value || '—', face: 'regular' },
      ],
      { width, size: 10.5 },
    );
    doc.moveDown(0.25);
  };
  label('Name of Mentor', r.mentorName ?? '');
  label('Name of Mentee', r.menteeName ?? '');
  label('Mentee Contact Information', [r.menteeEmail, r.menteePhone].filter(Boolean).join(' · '));
  doc.moveDown(0.6);
}

/** One section per relationship (each on its own page); rows break across pages with the table header repeated. */
export async function renderTrackingSheetPdf(
  sections: Array<{ relationship: SheetRelationship; meetings: SheetMeeting[] }>,
  from: string,
  to: string,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = newDocument('Mentoring Relationship Tracking Sheet', options.compress ?? true);
  const bottom = () => doc.page.height - MARGIN - 14;
  const width = doc.page.width - 2 * MARGIN;
  if (!sections.length) {
    writeText(doc, 'Mentoring Relationship Tracking Sheet', { width, size: 16, face: 'bold' });
    doc.moveDown();
    writeText(doc, `No meeting confirmed by both sides between ${formatDay(from)} and ${formatDay(to)}.`, {
      width,
      size: 10.5,
    });
  }
  sections.forEach(({ relationship, meetings }, index) => {
    if (index > 0) doc.addPage();
    sheetHeading(doc, relationship, from, to);
    let y = tableHeader(doc, doc.y);
    let total = 0;
    for (const m of meetings) {
      total += m.hours;
      const cells = cellTexts(m);
      const cell = (i: number, face: Face = 'regular') => ({ width: COLUMNS[i].width - 2 * PAD, size: 8.5, face });
      const heights = cells.map(
        (c, i) => heightOfText(c.text, cell(i)) + (c.extra ? heightOfText(c.extra, cell(i, 'italic')) + 3 : 0),
      );
      const maxRow = bottom() - MARGIN - 30;
      const rowH = Math.min(Math.max(...heights) + 2 * PAD, maxRow);
      if (y + rowH > bottom()) {
        doc.addPage();
        y = tableHeader(doc, MARGIN);
      }
      let x = MARGIN;
      cells.forEach((c, i) => {
        writeText(doc, c.text, { ...cell(i), x: x + PAD, y: y + PAD, maxHeight: rowH - 2 * PAD });
        if (c.extra)
          writeText(doc, c.extra, {
            ...cell(i, 'italic'),
            x: x + PAD,
            y: doc.y + 3,
            maxHeight: Math.max(10, y + rowH - PAD - doc.y - 3),
            color: '#333333',
          });
        x += COLUMNS[i].width;
      });
      doc.fillColor('black');
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
      y += rowH;
    }
    if (y + 40 > bottom()) {
      doc.addPage();
      y = MARGIN;
    }
    writeText(
      doc,
      `Total: ${meetings.length} meeting${meetings.length === 1 ? '' : 's'}, ${formatHours(total)} hours`,
      { x: MARGIN, y: y + 10, width, size: 10, face: 'bold' },
    );
    if (!meetings.length)
      writeText(doc, 'No meeting confirmed by both sides in this period.', {
        x: MARGIN,
        y: doc.y + 4,
        width,
        size: 9,
      });
  });
  footer(doc, `Generated by Tandem from the tamper-evident CPD ledger on ${new Date().toISOString().slice(0, 10)}`);
  return toBuffer(doc);
}
