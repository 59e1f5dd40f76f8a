/**
 * The page both email-change links open (/email-change?action=confirm|cancel&token=…). Nothing happens on
 * opening it (mail scanners follow links): the person presses the button. Confirming ends every session
 * (the person signs in with the new address); "this wasn't me" blocks or undoes the change, ends every
 * session and stops the password, so the next step is a new one ("Forgot your password?").
 */
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from 'urql';
import { FormErrors, useAuth, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useT } from '../i18n/locale';
import { outcomeErrors } from '../ui';
import { AccountFrame } from './account-frame';

const ConfirmMutation = graphql(`
  mutation WebConfirmEmailChange($token: String!) {
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
  mutation WebCancelEmailChange($token: String!) {
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
  const t = useT();
  const { store } = useAuth();
  const [params] = useSearchParams();
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
  const [done, setDone] = useState<null | { email?: string | null }>(null);

  async function run() {
    setBusy(true);
    const res = action === 'confirm' ? await confirm({ token }) : await cancel({ token });
    const payload =
      res.data && ('confirmEmailChange' in res.data ? res.data.confirmEmailChange : res.data.cancelEmailChange);
    const errs = outcomeErrors(res, payload?.errors, t('state.unreachable'));
    setErrors(errs);
    setBusy(false);
    if (!errs.length) {
      // every session of the account has ended: this device's too
      if (store.current) store.clear('email-changed');
      setDone({ email: payload && 'email' in payload ? payload.email : null });
    }
  }

  const title = t(action === 'confirm' ? 'emailChange.confirmTitle' : 'emailChange.cancelTitle');
  return (
    <AccountFrame titleId="email-change-title">
      <section className="card" aria-labelledby="email-change-title">
        <h1 id="email-change-title">{title}</h1>
        {!token ? (
          <p className="state state-error" role="alert">
            {t('emailChange.incomplete')}
          </p>
        ) : done ? (
          <div className="state state-success" role="status">
            <p>
              {action === 'confirm'
                ? t('emailChange.confirmed')
                : t('emailChange.cancelled', { email: done.email ?? '' })}
            </p>
            <p>
              {action === 'confirm' ? (
                <Link to="/sign-in">{t('emailChange.signIn')}</Link>
              ) : (
                <Link to="/forgot-password">{t('emailChange.choosePassword')}</Link>
              )}
            </p>
          </div>
        ) : (
          <>
            <p>{t(action === 'confirm' ? 'emailChange.confirmLead' : 'emailChange.cancelLead')}</p>
            <FormErrors messages={errors.map((e) => e.message)} />
            <button
              type="button"
              className={action === 'confirm' ? 'primary wide' : 'danger wide'}
              disabled={busy}
              onClick={() => void run()}
            >
              {t(action === 'confirm' ? 'emailChange.confirm' : 'emailChange.cancel')}
            </button>
          </>
        )}
        <p className="form-links">
          <Link to="/sign-in">{t('account.backToSignIn')}</Link>
        </p>
      </section>
    </AccountFrame>
  );
}
