/**
 * The emails identity wrote as .eml files (MAIL_DIR, when no SMTP is configured), read back the way a mail
 * client would: headers, and the text body decoded (nodemailer sends long lines quoted-printable); of a
 * multipart/alternative message, the text/plain part as `text` and the text/html part as `html`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ReceivedMail {
  path: string;
  headers: Record<string, string>;
  /** The decoded text body (the text/plain part of a multipart message). */
  text: string;
  /** The decoded HTML part, when the message has one. */
  html?: string;
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
  const { headers, body } = splitEntity(raw);
  const boundary = /^multipart\//i.test(headers['content-type'] ?? '')
    ? /boundary="?([^";]+)"?/i.exec(headers['content-type']!)?.[1]
    : undefined;
  if (!boundary) return { path, headers, text: decodeBody(headers, body) };
  const parts = body
    .split(`--${boundary}`)
    .slice(1)
    .filter((p) => !p.startsWith('--'))
    .map((p) => splitEntity(p.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
  const of = (type: string) => parts.find((p) => (p.headers['content-type'] ?? '').toLowerCase().startsWith(type));
  const plain = of('text/plain');
  const html = of('text/html');
  return {
    path,
    headers,
    text: plain ? decodeBody(plain.headers, plain.body) : '',
    ...(html ? { html: decodeBody(html.headers, html.body) } : {}),
  };
}

/** Headers (lower-case names, folded lines joined) and the raw body of a message or a MIME part. */
function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = (split < 0 ? raw : raw.slice(0, split)).replace(/\r?\n[ \t]+/g, ' ');
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body;
  return text.replace(/\r\n/g, '\n');
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
