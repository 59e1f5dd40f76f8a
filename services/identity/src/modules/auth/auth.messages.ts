/**
 * What registration says by email: the notice to an existing account that someone tried to register with its
 * address, in the account's saved language (identity's catalogue, notification.messages.ts).
 */
import type { Language } from '../language/language';
import type { OutgoingMail } from '../notifications/mailer';
import { renderEmail } from '../notifications/email.render';
import { message } from '../notifications/notification.messages';

export function registrationAttemptEmail(args: {
  attemptId: string;
  to: string;
  toName: string;
  at: Date;
  /** the account's language (English when none was saved) */
  language?: Language;
}): OutgoingMail {
  const language = args.language ?? 'en';
  const subject = message(language, 'registrationAttempt.subject');
  return {
    id: args.attemptId,
    idHeader: 'X-Tandem-Registration-Attempt',
    to: args.to,
    toName: args.toName,
    subject,
    ...renderEmail(
      args.toName,
      subject,
      [
        message(language, 'registrationAttempt.intro', { at: args.at }),
        message(language, 'registrationAttempt.advice'),
      ],
      language,
    ),
  };
}
