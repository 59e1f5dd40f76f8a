/**
 * The page a participant's reset email links to (/reset-password?token=…): a new password typed twice. The
 * token is taken out of the address bar at once; on success every session has ended and the person signs in.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { confirmationError, fieldErrors, FormErrors, NewPasswordFields, useAuth, type FieldError } from '@tandem/ui';
import { useT } from '../i18n/locale';
import { usePasswordLabels } from '../password-labels';
import { AccountFrame } from './account-frame';

export function ResetPasswordPage() {
  const { store } = useAuth();
  const t = useT();
  const labels = usePasswordLabels();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // read once, then taken out of the address bar and the history (a shared screen, a synced history)
  const [token] = useState(() => params.get('token') ?? '');
  useEffect(() => {
    if (new URLSearchParams(window.location.search).has('token'))
      window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const confirmError = confirmationError(password, confirmation, labels);
    setMismatch(confirmError);
    if (confirmError) return setErrors((previous) => previous.filter((e) => e.field === 'token'));
    setBusy(true);
    try {
      const result = await store.resetPassword({ token, newPassword: password });
      setErrors([...result.errors]);
      if (result.message) setMessage(result.message);
      if (result.ok) {
        // the reset ended every session of the account, this device's too
        if (store.current) store.clear('password-reset');
        void navigate('/sign-in', { replace: true, state: { notice: 'password-reset' } });
      }
    } catch {
      setMessage(t('state.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['newPassword', 'token']);
  const linkBroken = !token || !!byField.token;
  return (
    <AccountFrame titleId="reset-title">
      <form onSubmit={submit} className="card" noValidate aria-labelledby="reset-title">
        <h1 id="reset-title">{t('reset.title')}</h1>
        {linkBroken ? (
          <div className="state state-error" role="alert">
            <p>{byField.token ?? t('reset.incomplete')}</p>
            <p>
              <Link to="/forgot-password">{t('reset.askAgain')}</Link>
            </p>
          </div>
        ) : (
          <p className="muted">{t('reset.lead')}</p>
        )}
        <FormErrors messages={[...other, ...(message ? [message] : [])]} />
        {token && !byField.token && (
          <>
            <NewPasswordFields
              password={password}
              confirmation={confirmation}
              onPassword={setPassword}
              onConfirmation={setConfirmation}
              passwordError={byField.newPassword}
              confirmationError={mismatch}
              labels={{ ...labels, password: t('password.newOne'), confirmation: t('password.confirmNew') }}
            />
            <button type="submit" className="primary wide" disabled={busy}>
              {t('reset.submit')}
            </button>
          </>
        )}
        <p className="form-links">
          <Link to="/sign-in">{t('account.backToSignIn')}</Link>
        </p>
      </form>
    </AccountFrame>
  );
}
