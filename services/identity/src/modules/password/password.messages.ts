/**
 * What the password flows say by email. The reset email carries the link (the only place the token ever is);
 * the password-changed notice carries no secret, only what happened, when, and what to do if it was not them.
 */
import type { Language } from '../language/language';
import type { OutgoingMail } from '../notifications/mailer';
import { renderEmail } from '../notifications/email.render';
import { message } from '../notifications/notification.messages';
import type { LocalisedNotification } from '../notifications/notification.service';

/** The reset page with the token in its query (any query the configured URL already has is kept). */
export function resetLink(baseUrl: string, token: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

export function resetEmail(args: {
  resetId: string;
  to: string;
  toName: string;
  link: string;
  ttlMinutes: number;
  /** the account's language (English when none was saved) */
  language?: Language;
}): OutgoingMail {
  const language = args.language ?? 'en';
  const subject = message(language, 'reset.subject');
  return {
    id: args.resetId,
    idHeader: 'X-Tandem-Password-Reset',
    to: args.to,
    toName: args.toName,
    subject,
    ...renderEmail(
      args.toName,
      subject,
      [
        message(language, 'reset.intro', { minutes: args.ttlMinutes }),
        { link: args.link, label: message(language, 'reset.button') },
        message(language, 'reset.once'),
        message(language, 'reset.ignore'),
      ],
      language,
    ),
  };
}

/**
 * The security notice after a change (while signed in) or a reset (with an emailed link), in the person's
 * language. In-app and by email, without a link: it asks nothing of the person who did it, and staff (who get it
 * too) use the admin app.
 */
export function passwordChangedNotice(userId: string, how: 'CHANGED' | 'RESET', at: Date): LocalisedNotification {
  return {
    userId,
    kind: 'PASSWORD_CHANGED',
    sourceEventId: null,
    text: { id: 'passwordChanged', values: { how, at } },
  };
}
