/** The CPD tracking sheet as a PDF, laid out like seed 002's sample (the table header repeated on each page). */
import type { SheetMeeting, SheetRelationship } from './export.repository';
import { formatDay, formatHours, formatInstant, timeRange } from './export-format';
import { MARGIN, footer, newDocument, toBuffer } from './pdf-layout';

const COLUMNS = [
  { title: 'Date', width: 88 },
  { title: 'Time', width: 84 },
  { title: 'Hours', width: 34 },
  { title: 'Topics Discussed', width: 190 },
  { title: 'Confirmed by Mentee / Mentor', width: 116 },
];
const PAD = 4;

function tableHeader(doc: PDFKit.PDFDocument, y: number): number {
  const h = 26;
  let x = MARGIN;
  doc
    .rect(
      MARGIN,
      y,
      COLUMNS.reduce((a, c) => a + c.width, 0),
      h,
    )
    .fillAndStroke('#e8eef5', '#333333');
  doc.fillColor('black').font('Helvetica-Bold').fontSize(8.5);
  for (const c of COLUMNS) {
    doc.text(c.title, x + PAD, y + PAD, { width: c.width - 2 * PAD, height: h - PAD, lineBreak: true });
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

function cellTexts(m: SheetMeeting): Array<{ text: string; font: string; extra?: string }> {
  const topics = m.topics.map((t) => `• ${t}`).join('\n');
  return [
    { text: formatDay(m.occurredOn), font: 'Helvetica' },
    { text: timeRange(m.startTime, m.durationMinutes), font: 'Helvetica' },
    { text: formatHours(m.hours), font: 'Helvetica' },
    { text: topics || '—', font: 'Helvetica', extra: m.homework ? `Homework: ${m.homework}` : undefined },
    {
      text: `Mentee: ${confirmedAt(m.confirmedByMenteeAt)}\nMentor: ${confirmedAt(m.confirmedByMentorAt)}`,
      font: 'Helvetica',
    },
  ];
}

function sheetHeading(doc: PDFKit.PDFDocument, r: SheetRelationship, from: string, to: string) {
  doc.font('Helvetica-Bold').fontSize(16).text('Mentoring Relationship Tracking Sheet', { align: 'left' });
  doc.moveDown(0.2);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#444444')
    .text(
      `${r.programmeName ?? 'Mentoring programme'}${r.organizationName ? ` · ${r.organizationName}` : ''}${r.cpdCategory ? ` · CPD category: ${r.cpdCategory}` : ''}`,
    )
    .text(
      `Period: ${formatDay(from)} – ${formatDay(to)}. Each session below was confirmed electronically by both the mentee and the mentor.`,
    );
  doc.fillColor('black').moveDown(0.8);
  const label = (name: string, value: string) => {
    doc
      .font('Helvetica-Bold')
      .fontSize(10.5)
      .text(`${name}: `, { continued: true })
      .font('Helvetica')
      .text(value || '—');
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
  if (!sections.length) {
    doc.font('Helvetica-Bold').fontSize(16).text('Mentoring Relationship Tracking Sheet');
    doc
      .moveDown()
      .font('Helvetica')
      .fontSize(10.5)
      .text(`No meeting confirmed by both sides between ${formatDay(from)} and ${formatDay(to)}.`);
  }
  sections.forEach(({ relationship, meetings }, index) => {
    if (index > 0) doc.addPage();
    sheetHeading(doc, relationship, from, to);
    let y = tableHeader(doc, doc.y);
    let total = 0;
    for (const m of meetings) {
      total += m.hours;
      const cells = cellTexts(m);
      doc.fontSize(8.5);
      const heights = cells.map((c, i) => {
        doc.font(c.font);
        const w = COLUMNS[i].width - 2 * PAD;
        return (
          doc.heightOfString(c.text, { width: w }) +
          (c.extra ? doc.font('Helvetica-Oblique').heightOfString(c.extra, { width: w }) + 3 : 0)
        );
      });
      const maxRow = bottom() - MARGIN - 30;
      const rowH = Math.min(Math.max(...heights) + 2 * PAD, maxRow);
      if (y + rowH > bottom()) {
        doc.addPage();
        y = tableHeader(doc, MARGIN);
      }
      let x = MARGIN;
      cells.forEach((c, i) => {
        const w = COLUMNS[i].width - 2 * PAD;
        doc
          .font(c.font)
          .fontSize(8.5)
          .fillColor('black')
          .text(c.text, x + PAD, y + PAD, { width: w, height: rowH - 2 * PAD, ellipsis: true });
        if (c.extra)
          doc
            .font('Helvetica-Oblique')
            .fillColor('#333333')
            .text(c.extra, x + PAD, doc.y + 3, {
              width: w,
              height: Math.max(10, y + rowH - PAD - doc.y - 3),
              ellipsis: true,
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
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .text(
        `Total: ${meetings.length} meeting${meetings.length === 1 ? '' : 's'}, ${formatHours(total)} hours`,
        MARGIN,
        y + 10,
      );
    if (!meetings.length)
      doc
        .font('Helvetica')
        .fontSize(9)
        .text('No meeting confirmed by both sides in this period.', MARGIN, doc.y + 4);
  });
  footer(doc, `Generated by Tandem from the tamper-evident CPD ledger on ${new Date().toISOString().slice(0, 10)}`);
  return toBuffer(doc);
}
