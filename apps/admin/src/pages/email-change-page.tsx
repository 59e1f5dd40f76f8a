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
import { LanguageSwitch, useT } from '../i18n/locale';
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
  const t = useT();
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
          message: res.error?.graphQLErrors[0]?.message ?? t('common.unreachable'),
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
        <div className="entry-top">
          <LanguageSwitch />
        </div>
        <h1 id="email-change-title">
          {action === 'confirm' ? t('emailChange.confirmTitle') : t('emailChange.cancelTitle')}
        </h1>
        {!token ? (
          <p className="state state-error" role="alert">
            {t('emailChange.incomplete')}
          </p>
        ) : done ? (
          <div className="state state-success" role="status">
            <p>
              {action === 'confirm'
                ? t('emailChange.confirmed')
                : t('emailChange.blocked', { email: done.email ?? t('emailChange.previous') })}
            </p>
            <p>
              {action === 'confirm' ? (
                <Link to="/sign-in">{t('emailChange.signIn')}</Link>
              ) : (
                <Link to="/forgot-password">{t('reset.title')}</Link>
              )}
            </p>
          </div>
        ) : (
          <>
            <p className="muted">{action === 'confirm' ? t('emailChange.confirmLead') : t('emailChange.cancelLead')}</p>
            <FormErrors messages={errors.map((e) => e.message)} />
            <button type="button" className="primary" disabled={busy} onClick={() => void run()}>
              {action === 'confirm' ? t('emailChange.confirmSubmit') : t('emailChange.cancelSubmit')}
            </button>
          </>
        )}
        <p className="form-links">
          <Link to="/sign-in">{t('common.backToSignIn')}</Link>
        </p>
      </section>
    </main>
  );
}
