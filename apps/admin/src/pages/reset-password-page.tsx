/**
 * The page a reset email links to (/reset-password?token=…): a new password typed twice. On success the person
 * signs in with it (every session of theirs has ended, this tab's included).
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  useAuth,
  useUiLabels,
  confirmationError,
  NewPasswordFields,
  FormErrors,
  fieldErrors,
  type FieldError,
} from '@tandem/ui';
import { LanguageSwitch, useT } from '../i18n/locale';

export function ResetPasswordPage() {
  const { store } = useAuth();
  const t = useT();
  const words = useUiLabels();
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
    // each attempt shows only its own errors (a refusal of the previous password no longer applies)
    const confirmError = confirmationError(password, confirmation, words.password);
    setMismatch(confirmError);
    if (confirmError) return setErrors((previous) => previous.filter((e) => e.field === 'token'));
    setBusy(true);
    try {
      const result = await store.resetPassword({ token, newPassword: password });
      setErrors([...result.errors]);
      if (result.message) setMessage(result.message);
      if (result.ok) {
        // the reset ended every session of the account: this tab's too
        if (store.current) store.clear('password-reset');
        void navigate('/sign-in', { replace: true, state: { notice: 'password-reset' } });
      }
    } catch {
      setMessage(t('common.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['newPassword', 'token']);
  const linkBroken = !token || !!byField.token;
  return (
    <main className="sign-in">
      <form onSubmit={submit} className="card" noValidate aria-labelledby="reset-title">
        <div className="entry-top">
          <LanguageSwitch />
        </div>
        <h1 id="reset-title">{t('reset.title')}</h1>
        {linkBroken ? (
          <div className="state state-error" role="alert">
            <p>{byField.token ?? t('reset.incomplete')}</p>
            <p>
              <Link to="/forgot-password">{t('reset.askNew')}</Link>
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
            />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('common.saving') : t('reset.submit')}
            </button>
          </>
        )}
        <p className="form-links">
          <Link to="/sign-in">{t('common.backToSignIn')}</Link>
        </p>
      </form>
    </main>
  );
}
