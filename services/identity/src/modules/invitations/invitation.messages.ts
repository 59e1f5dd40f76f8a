/**
 * What an invitation says by email: who invites, to do what, and the one link that makes the account. The
 * invited person has no account yet, so no saved language: the caller chooses it (see InvitationService.create),
 * and every word comes from identity's catalogue (notification.messages.ts) in that language.
 */
import type { Role } from '@tandem/contracts';
import type { Language } from '../language/language';
import type { OutgoingMail } from '../notifications/mailer';
import { renderEmail } from '../notifications/email.render';
import { message } from '../notifications/notification.messages';

/** The invitation page with its token (any query the configured URL has is kept). */
export function invitationLink(baseUrl: string, token: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

/** "to join Bridge to Practice as a mentee", "to work on Tandem as a coach of Riverside Newcomer Centre". */
export function invitationPurpose(
  role: Role,
  programmeName: string | null,
  organisationName: string | null,
  language: Language = 'en',
): string {
  if (programmeName) return message(language, 'invitation.purpose.programme', { programme: programmeName, role });
  return message(language, 'invitation.purpose.platform', {
    role,
    hasOrganisation: organisationName ? 'yes' : 'no',
    organisation: organisationName ?? '',
  });
}

export function invitationEmail(args: {
  invitationId: string;
  to: string;
  toName: string;
  /** null when the inviter is unknown ("Your programme", in the email's language) */
  inviterName: string | null;
  /** invitationPurpose(…) in the same language */
  purpose: string;
  link: string;
  ttlDays: number;
  language?: Language;
}): OutgoingMail {
  const language = args.language ?? 'en';
  const inviter = args.inviterName ?? message(language, 'invitation.yourProgramme');
  const subject = message(language, 'invitation.subject', { inviter, purpose: args.purpose });
  return {
    id: `${args.invitationId}-invitation`,
    idHeader: 'X-Tandem-Invitation',
    to: args.to,
    toName: args.toName,
    subject,
    ...renderEmail(
      args.toName,
      subject,
      [
        message(language, 'invitation.intro', { inviter, purpose: args.purpose }),
        { link: args.link, label: message(language, 'invitation.button') },
        message(language, 'invitation.once', { days: args.ttlDays }),
        message(language, 'invitation.ignore'),
      ],
      language,
    ),
  };
}
