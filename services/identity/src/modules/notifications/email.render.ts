/**
 * One email, two parts: the plain text (what every client can show, and what the tests read) and an HTML
 * alternative with the same words, where the link is a button. Every value is escaped: names, reasons and
 * notes are other people's words.
 */

import type { Language } from '../language/language';
import { message } from './notification.messages';

/** A paragraph of the email: words, or the link to act on (a button in HTML, the bare URL in text). */
export type EmailPart = string | { link: string; label: string };

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const paragraph = (s: string) => `<p style="margin:0 0 16px;line-height:1.5">${escape(s).replace(/\n/g, '<br>')}</p>`;

const button = (p: { link: string; label: string }) =>
  `<p style="margin:0 0 8px"><a href="${escape(p.link)}" style="display:inline-block;padding:12px 20px;border-radius:6px;background:#1f5fa8;color:#ffffff;font-weight:600;text-decoration:none">${escape(p.label)}</a></p>` +
  `<p style="margin:0 0 16px;font-size:13px;color:#555;word-break:break-all">${escape(p.link)}</p>`;

/**
 * The text and HTML of an email greeting `toName`, with `parts` in order and Tandem's signature, the greeting and
 * signature in the reader's language (the parts are the caller's, already in it).
 */
export function renderEmail(
  toName: string,
  subject: string,
  parts: readonly EmailPart[],
  language: Language = 'en',
): { text: string; html: string } {
  const greeting = message(language, 'email.greeting', { name: toName });
  const signature = message(language, 'email.signature');
  const text =
    `${greeting}\n\n` + parts.map((p) => (typeof p === 'string' ? p : p.link)).join('\n\n') + `\n\n${signature}\n`;
  const html =
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escape(subject)}</title></head>` +
    `<body style="margin:0;padding:24px 16px;background:#f4f5f7;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1f24">` +
    `<main style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">` +
    paragraph(greeting) +
    parts.map((p) => (typeof p === 'string' ? paragraph(p) : button(p))).join('') +
    paragraph(signature) +
    `</main></body></html>`;
  return { text, html };
}
