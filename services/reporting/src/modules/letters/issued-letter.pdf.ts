/** The letter the organisation issues: signed by a staff member, with its reference and a QR code to its verification page. */
import QRCode from 'qrcode';
import { exportText, type ExportText } from '../exports/export-messages';
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

/** The letter in the member's language (`text`: English unless given). */
export async function renderIssuedLetterPdf(
  c: IssuedLetterContent,
  text: ExportText = exportText('en'),
): Promise<Buffer> {
  const doc = newDocument(text.t('issued.title', { reference: c.reference }), true, text.language);
  // a fixed creation date keeps the metadata free of a second clock; the issue day is printed in the body
  doc.info.CreationDate = new Date(`${c.issuedOn}T00:00:00Z`);
  const width = doc.page.width - 2 * MARGIN;
  tag(doc, 'P', () => writeText(doc, c.organizationName, { x: MARGIN, y: MARGIN, width, size: 18, face: 'bold' }));
  doc.moveDown(1.5);
  tag(doc, 'P', () =>
    writeText(doc, text.t('issued.reference', { reference: c.reference }), { width, size: 10, color: '#555555' }),
  );
  tag(doc, 'P', () => writeText(doc, text.day(c.issuedOn), { align: 'right', width, size: 11 }));
  doc.moveDown(1.2);
  const body = letterOpening(doc, width, text);
  const verb = letterRole(c.role, text);
  tag(doc, 'P', () =>
    writeText(
      doc,
      text.t('issued.confirms', {
        organization: c.organizationName,
        person: c.personName,
        role: verb,
        programme: c.programmeName,
        from: text.day(c.from),
        to: text.day(c.to),
        hours: text.hours(c.hours),
        meetings: c.meetings,
      }),
      { ...body, align: 'justify' },
    ),
  );
  doc.moveDown(2);
  tag(doc, 'P', () => writeText(doc, text.t('letter.closing'), { x: MARGIN, width, size: 11 }));
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
  tag(doc, 'P', () =>
    writeText(doc, text.t('issued.signatory', { role: c.signatoryRole, organization: c.organizationName }), {
      width,
      size: 11,
    }),
  );
  doc.moveDown(2);
  const qr = await QRCode.toBuffer(c.verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const y = doc.y;
  // the QR code as a figure with its alternative text (the address it encodes)
  structureOf(doc).add(
    doc.struct('Figure', { alt: text.t('issued.qr', { url: c.verifyUrl }) }, () =>
      doc.image(qr, MARGIN, y, { width: 96, height: 96 }),
    ),
  );
  tag(doc, 'P', () =>
    writeText(doc, text.t('issued.verify', { url: c.verifyUrl }), {
      x: MARGIN + 110,
      y: y + 10,
      width: width - 110,
      size: 9,
      color: '#333333',
    }),
  );
  footer(doc, text.t('issued.footer', { reference: c.reference, organization: c.organizationName }), text);
  return toBuffer(doc);
}
