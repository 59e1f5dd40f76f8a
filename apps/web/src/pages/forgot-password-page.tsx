/** "Forgot your password?": asks for a reset link; the answer is the same whether or not the address has an account. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field, FormErrors, fieldErrors, useAuth, type FieldError } from '@tandem/ui';
import { useT } from '../i18n/locale';
import { AccountFrame } from './account-frame';

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
      const result = await store.requestPasswordReset({ email: email.trim() });
      setErrors([...result.errors]);
      if (result.message) setMessage(result.message);
      if (result.ok) setSentTo(email.trim());
    } catch {
      setMessage(t('state.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['email']);
  return (
    <AccountFrame titleId="forgot-title">
      <form onSubmit={submit} className="card" noValidate aria-labelledby="forgot-title">
        <h1 id="forgot-title">{t('forgot.title')}</h1>
        <p className="muted">{t('forgot.lead')}</p>
        {sentTo && (
          <p className="state state-success" role="status">
            {t('forgot.sent', { email: sentTo })}
          </p>
        )}
        <FormErrors messages={[...other, ...(message ? [message] : [])]} />
        <Field id="email" label={t('field.email')} error={byField.email}>
          <input
            id="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={!!byField.email}
            aria-describedby={byField.email ? 'email-error' : undefined}
            required
          />
        </Field>
        <button type="submit" className="primary wide" disabled={busy}>
          {t('forgot.submit')}
        </button>
        <p className="form-links">
          <Link to="/sign-in">{t('account.backToSignIn')}</Link>
        </p>
      </form>
    </AccountFrame>
  );
}
