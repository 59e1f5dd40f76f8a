/** The CPD confirmation letter as a PDF: one page per programme, from the relationship's organisation. */
import { exportText, type ExportText } from './export-messages';
import { MARGIN, footer, letterOpening, letterRole, newDocument, toBuffer } from './pdf-layout';
import { artifact, group, tag } from './pdf-tags';
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
  /** Meetings of the period an audit took back (not counted in `hours`), and when the last such outcome came. */
  denied?: { meetings: number; hours: number; decidedOn: string } | null;
}

/** A letter per programme, from the programme's organisation, confirming the hours in the period. */
export async function renderConfirmationLetterPdf(
  sections: LetterSection[],
  from: string,
  to: string,
  issuedOn: string,
  chain: { intact: boolean; head: string | null },
  options: { compress?: boolean; text?: ExportText } = {},
): Promise<Buffer> {
  const text = options.text ?? exportText('en');
  const doc = newDocument(text.t('letter.title'), options.compress ?? true, text.language);
  const width = doc.page.width - 2 * MARGIN;
  if (!sections.length) {
    tag(doc, 'H1', () => writeText(doc, text.t('letter.title'), { width, size: 16, face: 'bold' }));
    doc.moveDown();
    tag(doc, 'P', () =>
      writeText(doc, text.t('sheet.nothingBetween', { from: text.day(from), to: text.day(to) }), {
        width,
        size: 11,
      }),
    );
  }
  sections.forEach((s, index) => {
    if (index > 0) doc.addPage();
    tag(doc, 'P', () => writeText(doc, s.organizationName, { x: MARGIN, y: MARGIN, width, size: 18, face: 'bold' }));
    tag(doc, 'P', () =>
      writeText(doc, [s.organizationCity, s.organizationCountry].filter(Boolean).join(', ') || ' ', {
        width,
        size: 9.5,
        color: '#555555',
      }),
    );
    artifact(doc, () =>
      doc
        .moveTo(MARGIN, doc.y + 8)
        .lineTo(MARGIN + width, doc.y + 8)
        .lineWidth(1.2)
        .stroke('#1f3b5c')
        .lineWidth(1),
    );
    doc.fillColor('black').moveDown(2.2);
    tag(doc, 'P', () => writeText(doc, text.day(issuedOn), { align: 'right', width, size: 11 }));
    doc.moveDown(1.5);
    const body = letterOpening(doc, width, text);
    const confirms = text.t('letter.confirms', {
      person: s.personName,
      role: letterRole(s.role, text),
      programme: s.programmeName,
      organization: s.organizationName,
    });
    const hours = text.t('letter.hours', {
      from: text.day(from),
      to: text.day(to),
      person: s.personName,
      role: s.role,
      hours: text.hours(s.hours),
      meetings: s.meetings,
      relationships: s.relationships,
    });
    tag(doc, 'P', () => writeText(doc, `${confirms} ${hours}`, { ...body, align: 'justify' }));
    doc.moveDown(0.8);
    const denied = s.denied;
    if (denied) {
      const line = text.t('letter.denied', {
        meetings: denied.meetings,
        hours: text.hours(denied.hours),
        decided: text.day(denied.decidedOn),
      });
      tag(doc, 'P', () => writeText(doc, line, { ...body, align: 'justify' }));
      doc.moveDown(0.8);
    }
    if (s.cpdCategory) {
      const category = s.cpdCategory;
      tag(doc, 'P', () => writeText(doc, text.t('letter.cpd', { category }), body));
    }
    doc.moveDown(1.2);
    const rows: Array<[string, string]> = [
      [text.t('letter.programme'), s.programmeName],
      [text.t('letter.period'), text.t('letter.range', { from: text.day(from), to: text.day(to) })],
      [text.t('letter.hoursConfirmed'), text.hours(s.hours)],
      [text.t('letter.meetingsConfirmed'), String(s.meetings)],
      [
        text.t('letter.firstLast'),
        s.firstMeeting && s.lastMeeting
          ? text.t('letter.range', { from: text.day(s.firstMeeting), to: text.day(s.lastMeeting) })
          : '—',
      ],
    ];
    const x0 = MARGIN + 10;
    // the figures as a table: each row's label is its header
    const table = group(doc, 'Table');
    for (const [k, v] of rows) {
      const y = doc.y;
      const row = group(doc, 'TR', table);
      const h = tag(doc, 'TH', () => writeText(doc, k, { x: x0, y, width: 150, size: 10.5, face: 'bold' }), row);
      const hv = tag(doc, 'TD', () => writeText(doc, v, { x: x0 + 160, y, width: width - 170, size: 10.5 }), row);
      row.end();
      doc.y = y + Math.max(h, hv);
      doc.moveDown(0.35);
    }
    table.end();
    doc.moveDown(2.5);
    tag(doc, 'P', () => writeText(doc, text.t('letter.closing'), { x: MARGIN, width, size: 11 }));
    doc.moveDown(2.5);
    artifact(doc, () =>
      doc
        .moveTo(MARGIN, doc.y)
        .lineTo(MARGIN + 200, doc.y)
        .stroke('#333333'),
    );
    doc.moveDown(0.3);
    tag(doc, 'P', () =>
      writeText(doc, text.t('letter.signatory', { organization: s.organizationName }), { width, size: 11 }),
    );
    doc.moveDown(3);
    tag(doc, 'P', () =>
      writeText(
        doc,
        text.t('letter.evidence', {
          intact: chain.intact ? 'yes' : 'no',
          head: chain.head ? text.t('letter.head', { hash: chain.head.slice(0, 16) }) : '',
        }),
        { width, size: 8, color: '#555555' },
      ),
    );
  });
  footer(doc, text.t('letter.footer', { day: text.day(issuedOn) }), text);
  return toBuffer(doc);
}
