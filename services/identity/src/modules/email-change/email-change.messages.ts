/**
 * What a change of the sign-in email says by email: the confirmation link goes to the new address only, the
 * notice with the "this wasn't me" link to the old address only (the only places either token ever is).
 */
import type { OutgoingMail } from '../notifications/mailer';
import { renderEmail } from '../notifications/email.render';

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
}): OutgoingMail {
  const subject = 'Confirm your new Tandem sign-in email';
  return {
    id: `${args.changeId}-confirm`,
    idHeader: 'X-Tandem-Email-Change',
    to: args.to,
    toName: args.toName,
    subject,
    ...renderEmail(args.toName, subject, [
      `Someone signed in to a Tandem account asked to sign in with this email address from now on. If it was you, ` +
        `confirm within ${args.ttlHours} hours with this link:`,
      { link: args.link, label: 'Confirm my new sign-in email' },
      `Nothing changes until you follow it; then every session of the account is signed out and you sign in with this address.`,
      `If you did not ask for this, ignore this email: nothing changes.`,
    ]),
  };
}

export function emailChangeNotice(args: {
  changeId: string;
  to: string;
  toName: string;
  newEmail: string;
  link: string;
  cancelTtlDays: number;
}): OutgoingMail {
  const subject = 'Your Tandem sign-in email is about to change';
  return {
    id: `${args.changeId}-notice`,
    idHeader: 'X-Tandem-Email-Change',
    to: args.to,
    toName: args.toName,
    subject,
    ...renderEmail(args.toName, subject, [
      `Someone signed in to your Tandem account, with your password, asked to change its sign-in email to ${args.newEmail}. ` +
        `The change happens only once the new address confirms it.`,
      `If this was you, there is nothing to do. If it was not, follow this link (it works for ${args.cancelTtlDays} days, ` +
        `even after the change is confirmed):`,
      { link: args.link, label: 'This wasn’t me' },
      `It blocks or undoes the change, signs out every session, and stops your current password from working: ` +
        `then choose a new one with “Forgot your password?” on the sign-in page, and tell your programme’s staff.`,
    ]),
  };
}
