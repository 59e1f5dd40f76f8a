/** What an invitation says by email: who invites, to do what, and the one link that makes the account. */
import type { Role } from '@tandem/contracts';
import type { OutgoingMail } from '../notifications/mailer';
import { renderEmail } from '../notifications/email.render';

/** The invitation page with its token (any query the configured URL has is kept). */
export function invitationLink(baseUrl: string, token: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

const AS: Record<Role, string> = {
  MENTEE: 'a mentee',
  MENTOR: 'a mentor',
  COACH: 'a coach',
  PROGRAMME_ADMIN: 'a programme admin',
  ANALYST: 'an analyst',
  ADMIN: 'an admin',
};

/** "to join Bridge to Practice as a mentee", "to work on Tandem as a coach of Riverside Newcomer Centre". */
export function invitationPurpose(role: Role, programmeName: string | null, organisationName: string | null): string {
  if (programmeName) return `to join ${programmeName} as ${AS[role]}`;
  return `to work on Tandem as ${AS[role]}${organisationName ? ` of ${organisationName}` : ''}`;
}

export function invitationEmail(args: {
  invitationId: string;
  to: string;
  toName: string;
  inviterName: string;
  purpose: string;
  link: string;
  ttlDays: number;
}): OutgoingMail {
  const subject = `${args.inviterName} invites you ${args.purpose}`;
  return {
    id: `${args.invitationId}-invitation`,
    idHeader: 'X-Tandem-Invitation',
    to: args.to,
    toName: args.toName,
    subject,
    ...renderEmail(args.toName, subject, [
      `${args.inviterName} invites you ${args.purpose}. Tandem runs the programme: your profile, your mentoring ` +
        `relationships, meetings and the hours they count for.`,
      { link: args.link, label: 'Accept the invitation' },
      `The link works once, for ${args.ttlDays} days: it lets you choose a password for an account with this address.`,
      `If you did not expect this, ignore this email: no account is made.`,
    ]),
  };
}
