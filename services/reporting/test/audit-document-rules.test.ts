/** The names audit documents are listed and downloaded under: never a path, never a header injection. */
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, safeFilename } from '../src/modules/audits/audit-document.rules';

describe(safeFilename.name, () => {
  it('should keep the base of the uploaded name with the extension of the real type', () => {
    expect(safeFilename('Meeting log (March).pdf', 'pdf')).toBe('Meeting log (March).pdf');
    expect(safeFilename('notes.pdf', 'png')).toBe('notes.png');
    expect(safeFilename('Procès-verbal été.jpeg', 'jpg')).toBe('Procès-verbal été.jpg');
  });

  it('should drop paths, quotes, separators, controls and direction overrides', () => {
    expect(safeFilename('../../etc/passwd.pdf', 'pdf')).toBe('passwd.pdf');
    expect(safeFilename('C:\\Users\\me\\scan.pdf', 'pdf')).toBe('scan.pdf');
    expect(safeFilename('a"b;c\r\nd.pdf', 'pdf')).toBe('abcd.pdf');
    expect(safeFilename('invoice\u202egnp.exe', 'pdf')).toBe('invoicegnp.pdf');
    expect(safeFilename('...hidden.pdf', 'pdf')).toBe('hidden.pdf');
  });

  it('should name a file without a usable name "document" and keep names short', () => {
    expect(safeFilename(null, 'png')).toBe('document.png');
    expect(safeFilename('"".pdf', 'pdf')).toBe('document.pdf');
    expect(safeFilename(`${'x'.repeat(300)}.pdf`, 'pdf')).toBe(`${'x'.repeat(80)}.pdf`);
  });
});

describe(attachmentDisposition.name, () => {
  it('should offer an ASCII fallback and the UTF-8 name, always as an attachment', () => {
    expect(attachmentDisposition('Procès-verbal.pdf')).toBe(
      `attachment; filename="Proce_s-verbal.pdf"; filename*=UTF-8''Proc%C3%A8s-verbal.pdf`,
    );
  });
});
