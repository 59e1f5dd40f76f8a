/**
 * Registration: name, email, a password typed twice, and the side(s) the person takes: mentee, mentor or
 * both, and their time zone (the browser's proposed). The account is signed in at once and taken to the profile (mentors' applications are reviewed).
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import {
  Field,
  FormErrors,
  NewPasswordFields,
  confirmationError,
  fieldErrors,
  useAuth,
  type FieldError,
} from '@tandem/ui';
import { useT } from '../i18n/locale';
import { LanguageSwitch } from '../language-switch';
import { usePasswordLabels } from '../password-labels';
import { TimeZoneSelect, browserTimeZone } from '../time-zone-select';

type Side = 'MENTEE' | 'MENTOR' | 'BOTH';
const ROLES: Record<Side, Array<'MENTEE' | 'MENTOR'>> = {
  MENTEE: ['MENTEE'],
  MENTOR: ['MENTOR'],
  BOTH: ['MENTEE', 'MENTOR'],
};

export function RegisterPage() {
  const { store } = useAuth();
  const t = useT();
  const passwordLabels = usePasswordLabels();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [side, setSide] = useState<Side | null>(null);
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [local, setLocal] = useState<{ side?: string; confirmation?: string }>({});
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const checks = {
      side: side ? undefined : t('register.chooseSide'),
      confirmation: confirmationError(password, confirmation, passwordLabels),
    };
    setLocal(checks);
    setErrors([]);
    if (checks.side || checks.confirmation || !side) return;
    setBusy(true);
    try {
      const result = await store.register({ input: { displayName, email, password, roles: ROLES[side], timeZone } });
      setErrors(result.ok ? [] : [...result.errors]);
      if (result.message) setMessage(result.message);
    } catch {
      setMessage(t('state.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['displayName', 'email', 'password', 'roles', 'timeZone']);
  const sideError = local.side ?? byField.roles;
  return (
    <main className="entry" id="main">
      <div className="entry-top">
        <span className="brand">
          <img src="/icons/icon.svg" alt="" width="32" height="32" /> Tandem
        </span>
        <LanguageSwitch />
      </div>
      <form onSubmit={submit} className="card" noValidate aria-labelledby="register-title">
        <h1 id="register-title">{t('register.title')}</h1>
        <p className="muted">{t('register.lead')}</p>
        <FormErrors messages={[...other, ...(message ? [message] : [])]} />
        <fieldset
          className={`choices${sideError ? ' field-invalid' : ''}`}
          aria-describedby={sideError ? 'side-error' : undefined}
        >
          <legend>{t('register.side')}</legend>
          {(['MENTEE', 'MENTOR', 'BOTH'] as const).map((s) => (
            <label key={s} className="choice">
              <input type="radio" name="side" value={s} checked={side === s} onChange={() => setSide(s)} />
              <span>
                <strong>{t(`register.side.${s}`)}</strong>
                <small className="hint">{t(`register.side.${s}.hint`)}</small>
              </span>
            </label>
          ))}
          {sideError && (
            <span className="field-error" id="side-error" role="alert">
              {sideError}
            </span>
          )}
        </fieldset>
        <Field id="displayName" label={t('field.displayName')} error={byField.displayName}>
          <input
            id="displayName"
            autoComplete="name"
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            aria-invalid={!!byField.displayName}
            aria-describedby={byField.displayName ? 'displayName-error' : undefined}
            required
          />
        </Field>
        <Field id="email" label={t('field.email')} error={byField.email}>
          <input
            id="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={!!byField.email}
            aria-describedby={byField.email ? 'email-error' : undefined}
            required
          />
        </Field>
        <Field id="timeZone" label={t('field.timeZone')} hint={t('register.timeZoneHint')} error={byField.timeZone}>
          <TimeZoneSelect id="timeZone" value={timeZone} onChange={setTimeZone} invalid={!!byField.timeZone} />
        </Field>
        <NewPasswordFields
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
          passwordError={byField.password}
          confirmationError={local.confirmation}
          labels={passwordLabels}
        />
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? t('register.busy') : t('register.submit')}
        </button>
        <p className="form-links">
          {t('register.haveAccount')} <Link to="/sign-in">{t('register.signIn')}</Link>
        </p>
      </form>
    </main>
  );
}
