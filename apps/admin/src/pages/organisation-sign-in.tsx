/**
 * Signing in with one's organisation (OpenID Connect): the email step on the sign-in page (the organisation is
 * found by the address's domain, then the browser goes to its provider) and the page the provider sends the
 * browser back to, which completes the sign-in only for an attempt started in this tab (its state).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth, Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { LanguageSwitch, useT } from '../i18n/locale';

/** The state of the attempt this tab started (sessionStorage: one tab, gone with it). */
const STATE_KEY = 'tandem.admin.organisation-sign-in.state';

/** The email step (/sign-in/with-organisation). */
export function OrganisationSignInPage() {
  const { store } = useAuth();
  const t = useT();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await store.startOrganizationSignIn(email);
      setErrors([...result.errors]);
      if (result.message) setMessage(result.message);
      if (result.ok && result.authorizationUrl && result.state) {
        sessionStorage.setItem(STATE_KEY, result.state);
        window.location.assign(result.authorizationUrl);
        return;
      }
    } catch {
      setMessage(t('common.unreachable'));
    }
    setBusy(false);
  }

  const { byField, other } = fieldErrors(errors, ['email']);
  return (
    <main className="sign-in">
      <form onSubmit={submit} className="card" noValidate aria-labelledby="org-sign-in-title">
        <div className="entry-top">
          <LanguageSwitch />
        </div>
        <h1 id="org-sign-in-title">{t('signIn.withOrganisation')}</h1>
        <p className="muted">{t('sso.signIn.lead')}</p>
        <FormErrors messages={[...other, ...(message ? [message] : [])]} />
        <Field id="org-email" label={t('sso.signIn.email')} error={byField.email}>
          <input
            id="org-email"
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={!!byField.email}
            aria-describedby={byField.email ? 'org-email-error' : undefined}
            required
          />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('sso.signIn.busy') : t('sso.signIn.continue')}
        </button>
        <p className="form-links">
          <Link to="/sign-in">{t('sso.signIn.password')}</Link>
        </p>
      </form>
    </main>
  );
}

/** Where the provider sends the browser back (ADMIN_APP_URL/sign-in/organisation?code=…&state=…). */
export function OrganisationSignInCallbackPage() {
  const { store } = useAuth();
  const t = useT();
  const [problem, setProblem] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const url = window.location.href;
    const state = new URL(url).searchParams.get('state');
    const expected = sessionStorage.getItem(STATE_KEY);
    sessionStorage.removeItem(STATE_KEY);
    // an answer to an attempt this tab did not start (a link someone sent) signs nobody in
    if (!state || state !== expected) {
      setProblem(t('sso.callback.otherTab'));
      return;
    }
    store
      .completeOrganizationSignIn(url)
      .then((result) => {
        if (!result.ok) setProblem(result.errors[0]?.message ?? result.message ?? t('sso.callback.failed'));
      })
      .catch(() => setProblem(t('common.unreachable')));
  }, [store, t]);

  return (
    <main className="sign-in">
      <section className="card" aria-labelledby="org-callback-title">
        <h1 id="org-callback-title">{t('sso.callback.title')}</h1>
        {problem ? (
          <>
            <FormErrors messages={[problem]} />
            <p className="form-links">
              <Link to="/sign-in">{t('sso.callback.back')}</Link>
            </p>
          </>
        ) : (
          <p className="state state-info" role="status">
            {t('sso.callback.checking')}
          </p>
        )}
      </section>
    </main>
  );
}
