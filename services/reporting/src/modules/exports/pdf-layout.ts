/**
 * What the PDF exports share: a letter-size document with Tandem's metadata (title shown by viewers, language),
 * page footers, the finished bytes. Text goes through pdf-text.ts (fonts embedded from npm, any script).
 */
import PDFDocument from 'pdfkit';
import type { ExportLanguage } from './export-format';
import { exportText, type ExportText } from './export-messages';
import { artifact, tag } from './pdf-tags';
import { writeText } from './pdf-text';

export const MARGIN = 50;

export function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A document whose language (for screen readers and text extraction) is `language`, Canadian by default. */
export function newDocument(title: string, compress: boolean, language: ExportLanguage = 'en'): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    compress,
    info: { Title: title, Producer: 'Tandem', Creator: 'Tandem reporting' },
    displayTitle: true,
    lang: language === 'en' ? 'en-CA' : language,
    // a logical structure for screen readers (pdf-tags.ts); PDF 1.7 for its tagged-PDF features
    tagged: true,
    pdfVersion: '1.7',
    bufferPages: true,
  });
}

export function footer(doc: PDFKit.PDFDocument, line: string, text: ExportText = exportText('en')) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - MARGIN + 16;
    // a running footer: an artifact, not read on every page
    artifact(
      doc,
      () =>
        void writeText(doc, `${line}  ·  ${text.t('pdf.page', { page: i + 1, pages: range.count })}`, {
          x: MARGIN,
          y: bottom,
          width: doc.page.width - 2 * MARGIN,
          size: 7.5,
          align: 'center',
          color: '#666666',
        }),
      'Pagination',
    );
  }
}

/** How a letter says what the person did in the programme (MENTOR, MENTEE, or MIXED). */
export const letterRole = (role: string, text: ExportText = exportText('en')): string =>
  text.t('letter.role', { role });

/** A confirmation letter's title and salutation; returns the body's text options for what follows. */
export function letterOpening(doc: PDFKit.PDFDocument, width: number, text: ExportText = exportText('en')) {
  tag(doc, 'H1', () => writeText(doc, text.t('letter.title'), { width, size: 13, face: 'bold' }));
  doc.moveDown(1);
  const body = { width, size: 11, lineGap: 2 };
  tag(doc, 'P', () => writeText(doc, text.t('letter.salutation'), body));
  doc.moveDown(0.8);
  return body;
}
