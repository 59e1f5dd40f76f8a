/** Sign in with email and password; errors next to their inputs; the way to an account for newcomers. */
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { Field, FormErrors, fieldErrors, useAuth, type FieldError } from '@tandem/ui';
import { useT } from '../i18n/locale';
import { LanguageSwitch } from '../language-switch';
import { StaffElsewhere } from '../staff-elsewhere';

export function SignInPage() {
  const { store, endedBecause } = useAuth();
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [staff, setStaff] = useState(false);
  const notice = (useLocation().state as { notice?: string } | null)?.notice;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    setStaff(false);
    try {
      const result = await store.login({ email, password });
      setErrors(result.ok ? [] : [...result.errors]);
      // the password was right, and the account's second step belongs to the staff workspace
      setStaff(!!result.challenge);
      if (result.message) setMessage(result.message);
    } catch {
      setMessage(t('state.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['email', 'password']);
  return (
    <main className="entry" id="main">
      <div className="entry-top">
        <span className="brand">
          <img src="/icons/icon.svg" alt="" width="32" height="32" /> Tandem
        </span>
        <LanguageSwitch />
      </div>
      <form onSubmit={submit} className="card" noValidate aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.lead')}</p>
        {endedBecause === 'expired' && (
          <p className="state state-error" role="alert">
            {t('session.ended')}
          </p>
        )}
        {notice === 'password-reset' && (
          <p className="state state-success" role="status">
            {t('signIn.passwordReset')}
          </p>
        )}
        {endedBecause === 'erased' && (
          <p className="state state-info" role="status">
            {t('signIn.accountErased')}
          </p>
        )}
        {endedBecause === 'signed-out' && (
          <p className="state state-info" role="status">
            {t('signIn.signedOut')}
          </p>
        )}
        {staff && <StaffElsewhere />}
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
        <Field id="password" label={t('field.password')} error={byField.password}>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!byField.password}
            aria-describedby={byField.password ? 'password-error' : undefined}
            required
          />
        </Field>
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <p className="form-links">
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </p>
        <p className="form-links">
          {t('signIn.noAccount')} <Link to="/register">{t('signIn.register')}</Link>
        </p>
      </form>
    </main>
  );
}
