/** What registration says by email: the notice to an existing account that someone tried to register with its address. */
import type { OutgoingMail } from '../notifications/mailer';

export function registrationAttemptEmail(args: {
  attemptId: string;
  to: string;
  toName: string;
  at: Date;
}): OutgoingMail {
  const at = `${args.at.toISOString().slice(0, 10)} at ${args.at.toISOString().slice(11, 16)} UTC`;
  return {
    id: args.attemptId,
    idHeader: 'X-Tandem-Registration-Attempt',
    to: args.to,
    toName: args.toName,
    subject: 'Someone tried to register with your email address',
    text:
      `Hello ${args.toName},\n\n` +
      `On ${at} someone tried to create a new Tandem account with this email address. You already have an account, ` +
      `so nothing was created and nothing about your account changed.\n\n` +
      `If it was you, sign in instead (use “Forgot your password?” on the sign-in page if you need to). If it was not ` +
      `you, there is nothing to do; your password was not used or shown.\n\n— Tandem\n`,
  };
}
