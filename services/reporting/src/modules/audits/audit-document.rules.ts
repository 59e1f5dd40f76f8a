/**
 * What a selected member may upload for their audit, as pure rules: the accepted types (decided by the file's
 * content, never by its name or the client's Content-Type), the limits, and the name a download is offered under.
 */

import { AUDIT_DOCUMENT_LIMITS } from '@tandem/contracts';

/** The largest single document: 10 MiB (a scanned multi-page PDF fits; a phone photo of a receipt easily). */
export const MAX_DOCUMENT_BYTES = AUDIT_DOCUMENT_LIMITS.maxBytes;
/** At most this many documents per person per audit selection. */
export const MAX_DOCUMENTS_PER_SELECTION = AUDIT_DOCUMENT_LIMITS.maxCount;
/** At most this many bytes in all of one person's documents for one selection: 25 MiB. */
export const MAX_TOTAL_BYTES_PER_SELECTION = AUDIT_DOCUMENT_LIMITS.maxTotalBytes;
/** The member's written answer to the audit, at most this many characters. */
export const MAX_ANSWER_LENGTH = 5000;

/**
 * The accepted types, by the media type `file-type` reads from the bytes: PDF, PNG, JPEG, and WebP (what phones
 * save screenshots and photos as). Nothing that a browser would run or render as a page (HTML, SVG, scripts,
 * executables, archives that could hide one): those are refused whatever their name says.
 */
export const ACCEPTED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/** The stable codes of a refused upload or download (returned as `FieldError.code`). */
export type AuditDocumentErrorCode =
  | 'EMPTY'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'TOO_MANY_DOCUMENTS'
  | 'TOTAL_TOO_LARGE'
  | 'ANSWER_SUBMITTED'
  | 'AUDIT_CLOSED'
  | 'CHECKSUM_MISMATCH'
  | 'FILE_MISSING';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f"\\/:*?<>|;\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The name a document is listed and downloaded under: the uploaded name's base (no path, no control, quote or
 * separator characters, at most 80 characters) with the extension of the type its content is, so `report.pdf`
 * that is really a PNG downloads as `report.png`. Empty or missing names become `document`.
 */
export function safeFilename(given: string | null | undefined, extension: string): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  const stem = base
    .replace(/\.[^.]*$/, '')
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 80)
    .trim();
  return `${stem || 'document'}.${extension}`;
}

/** `Content-Disposition: attachment` for a safe name: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
