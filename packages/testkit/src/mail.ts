/**
 * The emails identity wrote as .eml files (MAIL_DIR, when no SMTP is configured), read back the way a mail
 * client would: headers, and the text body decoded (nodemailer sends long lines quoted-printable).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ReceivedMail {
  path: string;
  headers: Record<string, string>;
  /** The decoded text body. */
  text: string;
}

/** Every .eml under `dir` whose To: names `address` (case-insensitive), oldest first. */
export async function mailsTo(dir: string, address: string): Promise<ReceivedMail[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.eml')).sort();
  const mails: ReceivedMail[] = [];
  for (const name of names) {
    const raw = await readFile(join(dir, name), 'utf8').catch(() => null);
    if (raw === null) continue;
    const mail = parseMail(join(dir, name), raw);
    if ((mail.headers.to ?? '').toLowerCase().includes(`<${address.toLowerCase()}>`)) mails.push(mail);
  }
  return mails;
}

export function parseMail(path: string, raw: string): ReceivedMail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return { path, headers, text: text.replace(/\r\n/g, '\n') };
}

export function decodeQuotedPrintable(body: string): string {
  const bytes = Buffer.from(body.replace(/=\r?\n/g, ''), 'latin1').toString('latin1');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === '=' && /^[0-9A-F]{2}$/i.test(bytes.slice(i + 1, i + 3))) {
      out.push(parseInt(bytes.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(bytes.charCodeAt(i));
  }
  return Buffer.from(out).toString('utf8');
}
