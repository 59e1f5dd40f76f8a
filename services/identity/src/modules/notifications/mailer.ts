/**
 * Email out: SMTP when SMTP_URL is set; otherwise each message is rendered by nodemailer's stream
 * transport into a real RFC 822 message and written as an .eml file under MAIL_DIR (default
 * <os tmp>/tandem-mail), so a developer can open it. A message with `html` goes as multipart/alternative
 * (the plain text first, for clients without HTML).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  /** The notification (or password reset) it belongs to: in a header, and in the .eml file's name. */
  id: string;
  /** The header that carries `id` (default X-Tandem-Notification). */
  idHeader?: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
  /** The same message as HTML (sent as multipart/alternative with the text). */
  html?: string;
  /** A calendar invitation (iCalendar text): nodemailer adds it as the text/calendar alternative and attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; text: string };
}

export class Mailer {
  private readonly transport: Transporter;
  readonly directory: string | null;

  /** The address emails come from, with its name (a calendar invitation's organiser). */
  get sender(): { name: string; email: string } {
    const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(this.options.from);
    return m ? { name: m[1] || 'Tandem', email: m[2] } : { name: 'Tandem', email: this.options.from.trim() };
  }

  constructor(private readonly options: { smtpUrl?: string; mailDir?: string; from: string }) {
    if (options.smtpUrl) {
      this.transport = nodemailer.createTransport(options.smtpUrl);
      this.directory = null;
    } else {
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
      this.directory = resolve(options.mailDir ?? join(os.tmpdir(), 'tandem-mail'));
    }
  }

  /** Sends; returns where it went (the .eml path, or the SMTP message id). */
  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.options.from,
      to: { name: mail.toName, address: mail.to },
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      ...(mail.calendar
        ? { icalEvent: { method: mail.calendar.method, filename: 'invitation.ics', content: mail.calendar.text } }
        : {}),
      headers: { [mail.idHeader ?? 'X-Tandem-Notification']: mail.id },
    });
    if (!this.directory) return info.messageId;
    await mkdir(this.directory, { recursive: true });
    const path = join(this.directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`);
    await writeFile(path, info.message as Buffer);
    return path;
  }
}
