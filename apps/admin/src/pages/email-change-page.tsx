/**
 * The page a staff member's email-change links open (/email-change?action=confirm|cancel&token=…). Nothing
 * happens on opening it (mail scanners follow links): the person presses the button. Confirming ends every
 * session (they sign in with the new address); "this wasn't me" blocks or undoes the change, ends every session
 * and stops the password, so the next step is a new one.
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { FormErrors, useAuth, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';

const ConfirmMutation = graphql(`
  mutation AdminConfirmEmailChange($token: String!) {
    confirmEmailChange(token: $token) {
      user {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const CancelMutation = graphql(`
  mutation AdminCancelEmailChange($token: String!) {
    cancelEmailChange(token: $token) {
      email
      errors {
        field
        code
        message
      }
    }
  }
`);

export function EmailChangePage() {
  const { store } = useAuth();
  const [params] = useSearchParams();
  // read once, then taken out of the address bar and the history (a shared screen, a synced history)
  const [action] = useState(() => (params.get('action') === 'cancel' ? 'cancel' : 'confirm'));
  const [token] = useState(() => params.get('token') ?? '');
  useEffect(() => {
    if (new URLSearchParams(window.location.search).has('token'))
      window.history.replaceState(window.history.state, '', `${window.location.pathname}?action=${action}`);
  }, [action]);
  const [, confirm] = useMutation(ConfirmMutation);
  const [, cancel] = useMutation(CancelMutation);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<null | { email: string | null }>(null);

  async function run() {
    setBusy(true);
    const res = action === 'confirm' ? await confirm({ token }) : await cancel({ token });
    setBusy(false);
    const payload =
      res.data && ('confirmEmailChange' in res.data ? res.data.confirmEmailChange : res.data.cancelEmailChange);
    if (!payload) {
      setErrors([
        {
          field: '',
          code: 'ERROR',
          message: res.error?.graphQLErrors[0]?.message ?? 'The server could not be reached.',
        },
      ]);
      return;
    }
    setErrors([...payload.errors]);
    if (payload.errors.length === 0) {
      // every session of the account has ended: this tab's too
      if (store.current) store.clear('email-changed');
      setDone({ email: 'email' in payload ? payload.email : null });
    }
  }

  return (
    <main className="sign-in">
      <section className="card" aria-labelledby="email-change-title">
        <h1 id="email-change-title">{action === 'confirm' ? 'Confirm your new sign-in email' : 'This wasn’t me'}</h1>
        {!token ? (
          <p className="state state-error" role="alert">
            This link is incomplete. Open the link from the email again.
          </p>
        ) : done ? (
          <div className="state state-success" role="status">
            <p>
              {action === 'confirm'
                ? 'Done: you now sign in with your new email address.'
                : `The change is blocked. Your account signs in with ${done.email ?? 'its previous address'}. Choose a new password now, and tell an administrator.`}
            </p>
            <p>
              {action === 'confirm' ? (
                <Link to="/sign-in">Sign in with the new address</Link>
              ) : (
                <Link to="/forgot-password">Choose a new password</Link>
              )}
            </p>
          </div>
        ) : (
          <>
            <p className="muted">
              {action === 'confirm'
                ? 'Press the button to sign in with this address from now on. Every device is signed out; then you sign in with the new address.'
                : 'If you did not ask to change your sign-in email, press the button: the change is blocked (or undone), every device is signed out, and your password stops working until you choose a new one.'}
            </p>
            <FormErrors messages={errors.map((e) => e.message)} />
            <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
              {action === 'confirm' ? 'Confirm my new sign-in email' : 'Block this change'}
            </button>
          </>
        )}
        <p className="form-links">
          <Link to="/sign-in">Back to sign-in</Link>
        </p>
      </section>
    </main>
  );
}
