/** Short-lived signed download links: an HMAC-SHA256 over the export request, checked before rendering. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ExportLanguage } from './export-format';

export type CpdExportKind = 'TRACKING_SHEET_CSV' | 'TRACKING_SHEET_PDF' | 'CONFIRMATION_LETTER_PDF';

export interface ExportClaims {
  kind: CpdExportKind;
  /** Whose evidence. */
  userId: string;
  from: string;
  to: string;
  relationshipId: string | null;
  programmeId: string | null;
  /** Who asked for the link (the person or an auditor). */
  requestedBy: string;
  /** The document's language (absent from links signed before issue 22: English). */
  language?: ExportLanguage;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export const LINK_TTL_SECONDS = 10 * 60;

export function signExportLink(claims: ExportClaims, key: string): string {
  const body = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  const sig = createHmac('sha256', key).update(body).digest('base64url');
  return `${body}.${sig}`;
}

/** The claims of a valid, unexpired token, or null (tampered, malformed or expired alike). */
export function verifyExportLink(token: string, key: string, now = Date.now()): ExportClaims | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = createHmac('sha256', key).update(body).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ExportClaims;
    if (typeof claims.exp !== 'number' || claims.exp * 1000 < now) return null;
    return claims;
  } catch {
    return null;
  }
}
