/** The letter the organisation issues: signed by a staff member, with its reference and a QR code to its verification page. */
import QRCode from 'qrcode';
import { formatDay, formatHours } from '../exports/export-format';
import { MARGIN, footer, letterOpening, letterRole, newDocument, toBuffer } from '../exports/pdf-layout';
import { artifact, structureOf, tag } from '../exports/pdf-tags';
import { writeText } from '../exports/pdf-text';

export interface IssuedLetterContent {
  reference: string;
  verifyUrl: string;
  organizationName: string;
  programmeName: string;
  personName: string;
  role: string;
  from: string;
  to: string;
  hours: number;
  meetings: number;
  issuedOn: string;
  signatoryName: string;
  signatoryRole: string;
  typedSignature: string;
}

export async function renderIssuedLetterPdf(c: IssuedLetterContent): Promise<Buffer> {
  const doc = newDocument(`Letter ${c.reference}: confirmation of mentoring hours`, true);
  // a fixed creation date keeps the metadata free of a second clock; the issue day is printed in the body
  doc.info.CreationDate = new Date(`${c.issuedOn}T00:00:00Z`);
  const width = doc.page.width - 2 * MARGIN;
  tag(doc, 'P', () => writeText(doc, c.organizationName, { x: MARGIN, y: MARGIN, width, size: 18, face: 'bold' }));
  doc.moveDown(1.5);
  tag(doc, 'P', () => writeText(doc, `Reference ${c.reference}`, { width, size: 10, color: '#555555' }));
  tag(doc, 'P', () => writeText(doc, formatDay(c.issuedOn), { align: 'right', width, size: 11 }));
  doc.moveDown(1.2);
  const body = letterOpening(doc, width);
  const verb = letterRole(c.role);
  tag(doc, 'P', () =>
    writeText(
      doc,
      `${c.organizationName} confirms that ${c.personName} ${verb} in its ${c.programmeName} programme. ` +
        `Between ${formatDay(c.from)} and ${formatDay(c.to)}, ${formatHours(c.hours)} hours over ${c.meetings} ` +
        `meeting${c.meetings === 1 ? '' : 's'} were recorded and confirmed by both participants.`,
      { ...body, align: 'justify' },
    ),
  );
  doc.moveDown(2);
  tag(doc, 'P', () => writeText(doc, 'Sincerely,', { x: MARGIN, width, size: 11 }));
  doc.moveDown(1);
  tag(doc, 'P', () => writeText(doc, c.typedSignature, { width, size: 16, face: 'italic' }));
  artifact(doc, () =>
    doc
      .moveTo(MARGIN, doc.y + 2)
      .lineTo(MARGIN + 220, doc.y + 2)
      .stroke('#333333'),
  );
  doc.moveDown(0.4);
  tag(doc, 'P', () => writeText(doc, c.signatoryName, { width, size: 11, face: 'bold' }));
  tag(doc, 'P', () => writeText(doc, `${c.signatoryRole}, ${c.organizationName}`, { width, size: 11 }));
  doc.moveDown(2);
  const qr = await QRCode.toBuffer(c.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const y = doc.y;
  // the QR code as a figure with its alternative text (the address it encodes)
  structureOf(doc).add(
    doc.struct('Figure', { alt: `QR code of the verification page ${c.verifyUrl}` }, () =>
      doc.image(qr, MARGIN, y, { width: 96, height: 96 }),
    ),
  );
  tag(doc, 'P', () =>
    writeText(
      doc,
      `Check that this letter is genuine and unaltered: scan the code or open ${c.verifyUrl} and drop this PDF file on the page. ` +
        'The page shows what the letter states, who issued it and when, and whether it has been revoked.',
      { x: MARGIN + 110, y: y + 10, width: width - 110, size: 9, color: '#333333' },
    ),
  );
  footer(doc, `Letter ${c.reference} issued by ${c.organizationName} through Tandem`);
  return toBuffer(doc);
}
