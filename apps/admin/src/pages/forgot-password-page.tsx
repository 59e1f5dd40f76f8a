/** Asks for a password reset link by email; the confirmation is the same whether or not an account has the address. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth, Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { LanguageSwitch, useT } from '../i18n/locale';

export function ForgotPasswordPage() {
  const { store } = useAuth();
  const t = useT();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await store.requestPasswordReset({ email });
      setErrors([...result.errors]);
      if (result.message) setMessage(result.message);
      if (result.ok) setSentTo(email.trim());
    } catch {
      setMessage(t('common.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['email']);
  return (
    <main className="sign-in">
      <div className="card">
        <div className="entry-top">
          <LanguageSwitch />
        </div>
        <h1 id="forgot-title">{t('forgot.title')}</h1>
        {sentTo ? (
          <>
            <div className="state state-success" role="status">
              <p>{t('forgot.sent', { email: sentTo })}</p>
              <p>{t('forgot.sentHint')}</p>
            </div>
            <p className="form-links">
              <Link to="/sign-in">{t('common.backToSignIn')}</Link>
            </p>
          </>
        ) : (
          <form onSubmit={submit} noValidate aria-labelledby="forgot-title">
            <p className="muted">{t('forgot.lead')}</p>
            <FormErrors messages={[...other, ...(message ? [message] : [])]} />
            <Field id="email" label={t('common.email')} error={byField.email}>
              <input
                id="email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={!!byField.email}
                aria-describedby={byField.email ? 'email-error' : undefined}
                required
              />
            </Field>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('forgot.busy') : t('forgot.submit')}
            </button>
            <p className="form-links">
              <Link to="/sign-in">{t('common.backToSignIn')}</Link>
            </p>
          </form>
        )}
      </div>
    </main>
  );
}
