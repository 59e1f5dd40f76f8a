/** Asks for a password reset link by email; the confirmation is the same whether or not an account has the address. */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth, Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';

export function ForgotPasswordPage() {
  const { store } = useAuth();
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
      setMessage('The server could not be reached.');
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['email']);
  return (
    <main className="sign-in">
      <div className="card">
        <h1 id="forgot-title">Reset your password</h1>
        {sentTo ? (
          <>
            <div className="state state-success" role="status">
              <p>
                If an account uses <strong>{sentTo}</strong>, we have sent it an email with a link to choose a new
                password.
              </p>
              <p>
                The link works once, for 30 minutes. Check your spam folder if it does not arrive within a few minutes.
              </p>
            </div>
            <p className="form-links">
              <Link to="/sign-in">Back to sign-in</Link>
            </p>
          </>
        ) : (
          <form onSubmit={submit} noValidate aria-labelledby="forgot-title">
            <p className="muted">
              Enter the email address you sign in with. We will send you a link to choose a new password.
            </p>
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
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Sending…' : 'Send reset link'}
            </button>
            <p className="form-links">
              <Link to="/sign-in">Back to sign-in</Link>
            </p>
          </form>
        )}
      </div>
    </main>
  );
}
