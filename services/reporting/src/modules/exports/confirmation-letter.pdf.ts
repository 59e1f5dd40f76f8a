/** The CPD confirmation letter as a PDF: one page per programme, from the relationship's organisation. */
import { formatDay, formatHours } from './export-format';
import { MARGIN, footer, letterOpening, letterRole, newDocument, toBuffer } from './pdf-layout';
import { writeText } from './pdf-text';

export interface LetterSection {
  organizationName: string;
  organizationCity: string | null;
  organizationCountry: string | null;
  programmeName: string;
  cpdCategory: string | null;
  personName: string;
  role: 'MENTOR' | 'MENTEE' | 'MIXED';
  hours: number;
  meetings: number;
  relationships: number;
  firstMeeting: string | null;
  lastMeeting: string | null;
}

/** A letter per programme, from the programme's organisation, confirming the hours in the period. */
export async function renderConfirmationLetterPdf(
  sections: LetterSection[],
  from: string,
  to: string,
  issuedOn: string,
  chain: { intact: boolean; head: string | null },
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const doc = newDocument('Confirmation of mentoring hours', options.compress ?? true);
  const width = doc.page.width - 2 * MARGIN;
  if (!sections.length) {
    writeText(doc, 'Confirmation of mentoring hours', { width, size: 16, face: 'bold' });
    doc.moveDown();
    writeText(doc, `No meeting confirmed by both sides between ${formatDay(from)} and ${formatDay(to)}.`, {
      width,
      size: 11,
    });
  }
  sections.forEach((s, index) => {
    if (index > 0) doc.addPage();
    writeText(doc, s.organizationName, { x: MARGIN, y: MARGIN, width, size: 18, face: 'bold' });
    writeText(doc, [s.organizationCity, s.organizationCountry].filter(Boolean).join(', ') || ' ', {
      width,
      size: 9.5,
      color: '#555555',
    });
    doc
      .moveTo(MARGIN, doc.y + 8)
      .lineTo(MARGIN + width, doc.y + 8)
      .lineWidth(1.2)
      .stroke('#1f3b5c')
      .lineWidth(1);
    doc.fillColor('black').moveDown(2.2);
    writeText(doc, formatDay(issuedOn), { align: 'right', width, size: 11 });
    doc.moveDown(1.5);
    const body = letterOpening(doc, width);
    const verb = letterRole(s.role);
    writeText(
      doc,
      `This letter confirms that ${s.personName} ${verb} in the ${s.programmeName} programme of ${s.organizationName}. ` +
        `Between ${formatDay(from)} and ${formatDay(to)}, ${s.personName} ${s.role === 'MENTEE' ? 'attended' : 'mentored'} ${formatHours(s.hours)} hours over ${s.meetings} meeting${s.meetings === 1 ? '' : 's'} ` +
        `in ${s.relationships} mentoring relationship${s.relationships === 1 ? '' : 's'}, each meeting confirmed by both participants.`,
      { ...body, align: 'justify' },
    );
    doc.moveDown(0.8);
    if (s.cpdCategory)
      writeText(
        doc,
        `These hours qualify as Continuing Professional Development under the category "${s.cpdCategory}".`,
        body,
      );
    doc.moveDown(1.2);
    const rows: Array<[string, string]> = [
      ['Programme', s.programmeName],
      ['Period', `${formatDay(from)} – ${formatDay(to)}`],
      ['Hours confirmed', formatHours(s.hours)],
      ['Meetings confirmed', String(s.meetings)],
      [
        'First and last meeting',
        s.firstMeeting && s.lastMeeting ? `${formatDay(s.firstMeeting)} – ${formatDay(s.lastMeeting)}` : '—',
      ],
    ];
    const x0 = MARGIN + 10;
    for (const [k, v] of rows) {
      const y = doc.y;
      const h = writeText(doc, k, { x: x0, y, width: 150, size: 10.5, face: 'bold' });
      const hv = writeText(doc, v, { x: x0 + 160, y, width: width - 170, size: 10.5 });
      doc.y = y + Math.max(h, hv);
      doc.moveDown(0.35);
    }
    doc.moveDown(2.5);
    writeText(doc, 'Sincerely,', { x: MARGIN, width, size: 11 });
    doc.moveDown(2.5);
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + 200, doc.y)
      .stroke('#333333');
    doc.moveDown(0.3);
    writeText(doc, `Programme coordinator, ${s.organizationName}`, { width, size: 11 });
    doc.moveDown(3);
    writeText(
      doc,
      `Evidence: Tandem CPD ledger, hash chain ${chain.intact ? 'verified intact' : 'NOT intact'} at issue${chain.head ? ` (head ${chain.head.slice(0, 16)}…)` : ''}. ` +
        'An auditor may ask the counterpart of each meeting to verify it.',
      { width, size: 8, color: '#555555' },
    );
  });
  footer(doc, `Issued through Tandem on ${issuedOn}`);
  return toBuffer(doc);
}
