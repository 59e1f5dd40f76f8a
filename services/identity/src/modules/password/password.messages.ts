/**
 * What the password flows say by email. The reset email carries the link (the only place the token ever is);
 * the password-changed notice carries no secret, only what happened, when, and what to do if it was not them.
 */
import type { NewNotification } from '../notifications/notification.repository';
import type { OutgoingMail } from '../notifications/mailer';
import { renderEmail } from '../notifications/email.render';

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
}): OutgoingMail {
  const subject = 'Reset your Tandem password';
  return {
    id: args.resetId,
    idHeader: 'X-Tandem-Password-Reset',
    to: args.to,
    toName: args.toName,
    subject,
    ...renderEmail(args.toName, subject, [
      `Someone asked to reset the password of the Tandem account for this email address. If it was you, choose a new ` +
        `password with this link within ${args.ttlMinutes} minutes:`,
      { link: args.link, label: 'Choose a new password' },
      `The link works once, and only the latest link you asked for works. Your password stays as it is until you choose a new one.`,
      `If you did not ask for this, ignore this email: nothing changes.`,
    ]),
  };
}

const when = (at: Date) => `${at.toISOString().slice(0, 10)} at ${at.toISOString().slice(11, 16)} UTC`;

/**
 * The security notice after a change (while signed in) or a reset (with an emailed link). In-app and by email,
 * without a link: it asks nothing of the person who did it, and staff (who get it too) use the admin app.
 */
export function passwordChangedNotice(userId: string, how: 'CHANGED' | 'RESET', at: Date): NewNotification {
  const what =
    how === 'CHANGED'
      ? `The password of your Tandem account was changed on ${when(at)} by someone signed in to it. Every other session was signed out.`
      : `The password of your Tandem account was reset on ${when(at)} with a link sent to this email address. Every session was signed out.`;
  return {
    userId,
    kind: 'PASSWORD_CHANGED',
    sourceEventId: null,
    title: 'Your Tandem password was changed',
    body: `${what}\n\nIf this was you, there is nothing else to do. If it was not, choose a new password now with “Forgot your password?” on the sign-in page, and tell your programme’s staff.`,
  };
}
