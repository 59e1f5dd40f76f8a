/** What the PDF exports share: a letter-size document with Tandem's metadata, page footers, the finished bytes. */
import PDFDocument from 'pdfkit';

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

export function newDocument(title: string, compress: boolean): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    compress,
    info: { Title: title, Producer: 'Tandem', Creator: 'Tandem reporting' },
    bufferPages: true,
  });
}

export function footer(doc: PDFKit.PDFDocument, text: string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.height - MARGIN + 16;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7.5)
      .fillColor('#666666')
      .text(`${text}  ·  page ${i + 1} of ${range.count}`, MARGIN, bottom, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = MARGIN;
  }
  doc.fillColor('black');
}
