/**
 * Sign in with email and password; field errors next to their inputs; the way to a forgotten password. Staff
 * with a second factor then give a code (or a recovery code); staff who must have one and have none set it up.
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth, Field, FormErrors, fieldErrors, type FieldError, type SecondFactorChallenge } from '@tandem/ui';
import { LanguageSwitch, useT } from '../i18n/locale';
import { SecondFactorCodeStep, SecondFactorEnrolmentSteps } from './second-factor-steps';

export function SignInPage() {
  const { store, endedBecause } = useAuth();
  const t = useT();
  const notice = (useLocation().state as { notice?: string } | null)?.notice;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<SecondFactorChallenge | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await store.login({ email, password });
      setErrors(result.ok ? [] : [...result.errors]);
      if (result.message) setMessage(result.message);
      if (result.challenge) {
        setPassword('');
        setChallenge(result.challenge);
      }
    } catch {
      setMessage(t('common.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['email', 'password']);
  if (challenge?.kind === 'CODE')
    return (
      <main className="sign-in">
        <SecondFactorCodeStep challenge={challenge.token} onRestart={() => setChallenge(null)} />
      </main>
    );
  if (challenge?.kind === 'ENROL')
    return (
      <main className="sign-in">
        <SecondFactorEnrolmentSteps
          challenge={challenge.token}
          onDone={(session) => (session ? store.accept(session) : setChallenge(null))}
        />
      </main>
    );
  return (
    <main className="sign-in">
      <form onSubmit={submit} className="card" noValidate aria-labelledby="sign-in-title">
        <div className="entry-top">
          <LanguageSwitch />
        </div>
        <h1 id="sign-in-title">{t('nav.brand')}</h1>
        <p className="muted">{t('signIn.lead')}</p>
        {notice === 'password-reset' && (
          <p className="state state-success" role="status">
            {t('signIn.passwordReset')}
          </p>
        )}
        {endedBecause === 'expired' && (
          <p className="state state-error" role="alert">
            {t('session.ended')}
          </p>
        )}
        {endedBecause === 'signed-out' && (
          <p className="state state-info" role="status">
            {t('signIn.signedOut')}
          </p>
        )}
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
        <Field id="password" label={t('common.password')} error={byField.password}>
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
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
        <p className="form-links">
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </p>
        <p className="form-links">
          <Link to="/sign-in/with-organisation">{t('signIn.withOrganisation')}</Link>
        </p>
      </form>
    </main>
  );
}
