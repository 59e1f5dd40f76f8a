/** The page a staff invitation's link opens (/invitation?token=…): the account is made here, then the person signs in. */
import { Link } from 'react-router';
import { ENGLISH_PASSWORD_LABELS, InvitationAccept, type InvitationLabels } from '@tandem/ui';

const ROLE: Record<string, string> = {
  COACH: 'a coach',
  PROGRAMME_ADMIN: 'a programme admin',
  ANALYST: 'an analyst',
  ADMIN: 'an admin',
  MENTEE: 'a mentee',
  MENTOR: 'a mentor',
};

const LABELS: InvitationLabels = {
  title: 'Your invitation to Tandem',
  loading: 'Loading…',
  invalid: 'This invitation link cannot be used any more (it was used, revoked or has expired). Ask for a new one.',
  offer: ({ role, programmeName, email }) =>
    `You are invited ${programmeName ? `to join ${programmeName}` : 'to the staff workspace'} as ${ROLE[role] ?? role}, ` +
    `signing in as ${email}. Choose the name you go by and a password.`,
  name: 'Your name',
  submit: 'Create my account',
  busy: 'Creating your account…',
  done: 'Your account is ready: sign in as {email} with your new password.',
  password: { ...ENGLISH_PASSWORD_LABELS, password: 'Password', confirmation: 'Confirm password' },
  unreachable: 'The server could not be reached. Try again.',
};

export function InvitationPage() {
  return (
    <InvitationAccept
      className="sign-in"
      labels={LABELS}
      signIn={<Link to="/sign-in">Sign in to the staff workspace</Link>}
    />
  );
}
