/**
 * Sign in with email and password; field errors next to their inputs; the way to a forgotten password. Staff
 * with a second factor then give a code (or a recovery code); staff who must have one and have none set it up.
 */
import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth, Field, FormErrors, fieldErrors, type FieldError, type SecondFactorChallenge } from '@tandem/ui';
import { SecondFactorCodeStep, SecondFactorEnrolmentSteps } from './second-factor-steps';

export function SignInPage() {
  const { store, endedBecause } = useAuth();
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
      setMessage('The server could not be reached.');
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
        <h1 id="sign-in-title">Tandem admin</h1>
        <p className="muted">Sign in to the coach and programme workspace.</p>
        {notice === 'password-reset' && (
          <p className="state state-success" role="status">
            Your password was changed. Sign in with your new password.
          </p>
        )}
        {endedBecause === 'expired' && (
          <p className="state state-error" role="alert">
            Your session ended. Please sign in again.
          </p>
        )}
        {endedBecause === 'signed-out' && (
          <p className="state state-info" role="status">
            You are signed out.
          </p>
        )}
        <FormErrors messages={[...other, ...(message ? [message] : [])]} />
        <Field id="email" label="Email" error={byField.email}>
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
        <Field id="password" label="Password" error={byField.password}>
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
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="form-links">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p className="form-links">
          <Link to="/sign-in/with-organisation">Sign in with your organisation</Link>
        </p>
      </form>
    </main>
  );
}
