/**
 * Accepting an invitation, in either app (staff links open the admin app, participants' the participant app): the
 * link's token is read once and taken out of the address bar; the page shows what the invitation offers, and the
 * person chooses the name they go by and a password. Nothing happens on opening it (mail scanners follow links).
 * Each app passes its words (`labels`) and where signing in is.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from './graphql';
import { confirmationError, NewPasswordFields, type NewPasswordLabels } from './new-password-fields';
import { Field, FormErrors, fieldErrors, type FieldError } from './states';

const OfferQuery = graphql(`
  query InvitationOffer($token: String!) {
    invitationOffer(token: $token) {
      email
      displayName
      role
      programmeName
      expiresAt
    }
  }
`);

const AcceptMutation = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      email
      errors {
        field
        code
        message
      }
    }
  }
`);

export interface InvitationLabels {
  title: string;
  loading: string;
  invalid: string;
  /** "You are invited to join {programme} as a mentee" / "… to work on Tandem as a coach". */
  offer: (o: { role: string; programmeName: string | null; email: string }) => string;
  name: string;
  submit: string;
  busy: string;
  done: string;
  password: NewPasswordLabels;
  unreachable: string;
}

export function InvitationAccept({
  labels,
  signIn,
  className,
  top,
}: {
  labels: InvitationLabels;
  /** The way to sign in once the account is made. */
  signIn: ReactNode;
  /** The app's class for its entry pages. */
  className: string;
  /** What the app shows above the card (its brand, a language switch). */
  top?: ReactNode;
}) {
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token') ?? '');
  useEffect(() => {
    if (new URLSearchParams(window.location.search).has('token'))
      window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  const [offer] = useQuery({ query: OfferQuery, variables: { token }, pause: !token });
  const [, accept] = useMutation(AcceptMutation);
  const [name, setName] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const o = offer.data?.invitationOffer;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (confirmationError(password, confirmation, labels.password)) return;
    setBusy(true);
    const res = await accept({ input: { token, displayName: name ?? o?.displayName ?? '', password } });
    setBusy(false);
    const payload = res.data?.acceptInvitation;
    if (!payload) {
      setErrors([{ field: 'input', code: 'UNREACHABLE', message: res.error?.message ?? labels.unreachable }]);
      return;
    }
    setErrors([...payload.errors]);
    if (!payload.errors.length) setDone(payload.email);
  }

  const { byField, other } = fieldErrors(errors, ['input.displayName', 'input.password']);
  const mismatch = tried ? confirmationError(password, confirmation, labels.password) : undefined;
  return (
    <main className={className} id="main">
      {top}
      <section className="card" aria-labelledby="invitation-title">
        <h1 id="invitation-title">{labels.title}</h1>
        {!token || (!offer.fetching && !o && !done) ? (
          <p className="state state-error" role="alert">
            {labels.invalid}
          </p>
        ) : done ? (
          <>
            <p className="state state-success" role="status">
              {labels.done.replace('{email}', done)}
            </p>
            <p>{signIn}</p>
          </>
        ) : !o ? (
          <p className="state">{labels.loading}</p>
        ) : (
          <form onSubmit={submit} noValidate>
            <p>{labels.offer({ role: o.role, programmeName: o.programmeName, email: o.email })}</p>
            <FormErrors messages={other} />
            <Field id="invitation-name" label={labels.name} error={byField['input.displayName']}>
              <input
                id="invitation-name"
                autoComplete="name"
                value={name ?? o.displayName}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={!!byField['input.displayName']}
                aria-describedby={byField['input.displayName'] ? 'invitation-name-error' : undefined}
              />
            </Field>
            <NewPasswordFields
              password={password}
              confirmation={confirmation}
              onPassword={setPassword}
              onConfirmation={setConfirmation}
              passwordError={byField['input.password']}
              confirmationError={mismatch}
              labels={labels.password}
            />
            <button type="submit" className="primary wide" disabled={busy}>
              {busy ? labels.busy : labels.submit}
            </button>
          </form>
        )}
      </section>
    </main>
  );
}
