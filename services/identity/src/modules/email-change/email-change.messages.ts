/**
 * What a change of the sign-in email says by email: the confirmation link goes to the new address only, the
 * notice with the "this wasn't me" link to the old address only (the only places either token ever is). Both are
 * in the account's saved language (identity's catalogue, notification.messages.ts).
 */
import type { Language } from '../language/language';
import type { OutgoingMail } from '../notifications/mailer';
import { renderEmail } from '../notifications/email.render';
import { message } from '../notifications/notification.messages';

/** The email-change page with the token and what to do with it (any query the configured URL has is kept). */
export function emailChangeLink(baseUrl: string, action: 'confirm' | 'cancel', token: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set('action', action);
  url.searchParams.set('token', token);
  return url.toString();
}

export function confirmEmailChangeEmail(args: {
  changeId: string;
  to: string;
  toName: string;
  link: string;
  ttlHours: number;
  /** the account's language (English when none was saved) */
  language?: Language;
}): OutgoingMail {
  const language = args.language ?? 'en';
  const subject = message(language, 'emailChange.confirm.subject');
  return {
    id: `${args.changeId}-confirm`,
    idHeader: 'X-Tandem-Email-Change',
    to: args.to,
    toName: args.toName,
    subject,
    ...renderEmail(
      args.toName,
      subject,
      [
        message(language, 'emailChange.confirm.intro', { hours: args.ttlHours }),
        { link: args.link, label: message(language, 'emailChange.confirm.button') },
        message(language, 'emailChange.confirm.then'),
        message(language, 'emailChange.confirm.ignore'),
      ],
      language,
    ),
  };
}

export function emailChangeNotice(args: {
  changeId: string;
  to: string;
  toName: string;
  newEmail: string;
  link: string;
  cancelTtlDays: number;
  /** the account's language (English when none was saved) */
  language?: Language;
}): OutgoingMail {
  const language = args.language ?? 'en';
  const subject = message(language, 'emailChange.notice.subject');
  return {
    id: `${args.changeId}-notice`,
    idHeader: 'X-Tandem-Email-Change',
    to: args.to,
    toName: args.toName,
    subject,
    ...renderEmail(
      args.toName,
      subject,
      [
        message(language, 'emailChange.notice.intro', { newEmail: args.newEmail }),
        message(language, 'emailChange.notice.ifNot', { days: args.cancelTtlDays }),
        { link: args.link, label: message(language, 'emailChange.notice.button') },
        message(language, 'emailChange.notice.then'),
      ],
      language,
    ),
  };
}
