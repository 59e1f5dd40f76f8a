/** The signed-in person changes their password; this tab stays signed in, every other session is signed out. */
import { useState, type FormEvent } from 'react';
import {
  useAuth,
  useUiLabels,
  confirmationError,
  NewPasswordFields,
  Field,
  FormErrors,
  fieldErrors,
  type FieldError,
} from '@tandem/ui';
import { useT } from '../i18n/locale';

export function ChangePasswordPage() {
  const { store } = useAuth();
  const t = useT();
  const words = useUiLabels();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [local, setLocal] = useState<{ current?: string; confirmation?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    setChanged(false);
    // checked here first: an empty current password would count as a failed sign-in
    const checks = {
      current: current ? undefined : t('changePassword.enterCurrent'),
      confirmation: confirmationError(password, confirmation, words.password),
    };
    setLocal(checks);
    setErrors([]);
    if (checks.current || checks.confirmation) return;
    setBusy(true);
    try {
      const result = await store.changePassword({ currentPassword: current, newPassword: password });
      setErrors([...result.errors]);
      if (result.message) setMessage(result.message);
      if (result.ok) {
        setCurrent('');
        setPassword('');
        setConfirmation('');
        setChanged(true);
      }
    } catch {
      setMessage(t('common.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['currentPassword', 'newPassword']);
  const currentError = local.current ?? byField.currentPassword;
  return (
    <section>
      <h1 id="change-password-title">{t('nav.changePassword')}</h1>
      <form onSubmit={submit} className="card narrow" noValidate aria-labelledby="change-password-title">
        <p className="muted">{t('changePassword.lead')}</p>
        {changed && (
          <p className="state state-success" role="status">
            {t('changePassword.done')}
          </p>
        )}
        <FormErrors messages={[...other, ...(message ? [message] : [])]} />
        <Field id="currentPassword" label={t('changePassword.current')} error={currentError}>
          <input
            id="currentPassword"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            aria-invalid={!!currentError}
            aria-describedby={currentError ? 'currentPassword-error' : undefined}
            required
          />
        </Field>
        <NewPasswordFields
          password={password}
          confirmation={confirmation}
          onPassword={setPassword}
          onConfirmation={setConfirmation}
          passwordError={byField.newPassword}
          confirmationError={local.confirmation}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('changePassword.busy') : t('nav.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
