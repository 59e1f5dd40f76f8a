/**
 * The second step of a staff sign-in (a code of the authenticator app or a recovery code) and the setting up
 * of a second factor (QR code and secret, a first code, then the recovery codes shown once), used by the
 * sign-in page (with a challenge) and the Security page (signed in).
 */
import { useEffect, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import { useAuth, Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import { useT } from '../i18n/locale';
import type { SecondFactorEnrolment, Session } from '@tandem/ui';

/** The code form of a CODE challenge. */
export function SecondFactorCodeStep({ challenge, onRestart }: { challenge: string; onRestart: () => void }) {
  const { store } = useAuth();
  const t = useT();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await store.completeSignIn({ challenge, code: code.trim() });
      setErrors(result.ok ? [] : [...result.errors]);
      if (result.message) setMessage(result.message);
    } catch {
      setMessage(t('common.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['code']);
  const expired = errors.some((e) => e.code === 'CHALLENGE_INVALID');
  return (
    <form onSubmit={submit} className="card" noValidate aria-labelledby="second-step-title">
      <h1 id="second-step-title">{t('twoStep.title')}</h1>
      <p className="muted">{t('twoStep.lead')}</p>
      <FormErrors messages={[...other, ...(message ? [message] : [])]} />
      <Field id="code" label={t('twoStep.code')} error={byField.code}>
        <input
          id="code"
          inputMode="text"
          autoComplete="one-time-code"
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={!!byField.code}
          aria-describedby={byField.code ? 'code-error' : undefined}
          required
        />
      </Field>
      <button type="submit" className="primary" disabled={busy || expired}>
        {busy ? t('twoStep.busy') : t('twoStep.verify')}
      </button>
      <p className="form-links">
        <button type="button" className="link" onClick={onRestart}>
          {t('twoStep.restart')}
        </button>
      </p>
    </form>
  );
}

/**
 * Setting up a second factor: the QR code and the secret as text, confirmed with a first code; then the
 * recovery codes, shown once. `challenge` is the sign-in's ENROL challenge (null when signed in);
 * `onDone` gets the session the sign-in completes (with a challenge) once the codes were seen.
 */
export function SecondFactorEnrolmentSteps({
  challenge,
  onDone,
}: {
  challenge: string | null;
  onDone: (session: Session | null) => void;
}) {
  const { store } = useAuth();
  const t = useT();
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolment | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<{ codes: string[]; session: Session | null } | null>(null);

  useEffect(() => {
    let live = true;
    store
      .startSecondFactorEnrolment(challenge)
      .then(async (result) => {
        if (!live) return;
        if (!result.enrolment) {
          setErrors([...result.errors]);
          if (result.message) setMessage(result.message);
          return;
        }
        setEnrolment(result.enrolment);
        const url = await QRCode.toDataURL(result.enrolment.otpauthUri, { margin: 1, width: 200 });
        if (live) setQr(url);
      })
      .catch(() => live && setMessage(t('common.unreachable')));
    return () => {
      live = false;
    };
  }, [store, challenge, t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await store.confirmSecondFactorEnrolment({ challenge, code: code.trim() });
      setErrors(result.ok ? [] : [...result.errors]);
      if (result.message) setMessage(result.message);
      if (result.ok && result.recoveryCodes) setDone({ codes: result.recoveryCodes, session: result.session ?? null });
    } catch {
      setMessage(t('common.unreachable'));
    } finally {
      setBusy(false);
    }
  }

  if (done) return <RecoveryCodes codes={done.codes} onDone={() => onDone(done.session)} />;
  const { byField, other } = fieldErrors(errors, ['code']);
  return (
    <form onSubmit={submit} className="card" noValidate aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t('twoStep.enrolTitle')}</h1>
      <p className="muted">{t('twoStep.enrolLead')}</p>
      <FormErrors messages={[...other, ...(message ? [message] : [])]} />
      {enrolment && (
        <div className="totp-setup">
          {qr ? <img src={qr} width={200} height={200} alt={t('twoStep.qr')} /> : null}
          <p>
            {t('twoStep.key')} <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
        </div>
      )}
      <Field id="enrol-code" label={t('twoStep.appCode')} error={byField.code}>
        <input
          id="enrol-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={!!byField.code}
          aria-describedby={byField.code ? 'enrol-code-error' : undefined}
          required
        />
      </Field>
      <button type="submit" className="primary" disabled={busy || !enrolment}>
        {busy ? t('twoStep.busy') : t('twoStep.confirm')}
      </button>
    </form>
  );
}

/** Recovery codes, shown once: copy or download them, then go on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const t = useT();
  const text = `${t('twoStep.codesFile')}\n\n${codes.join('\n')}\n`;
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <section className="card" aria-labelledby="codes-title">
      <h1 id="codes-title">{t('twoStep.codesTitle')}</h1>
      <p className="muted">{t('twoStep.codesLead')}</p>
      <ul className="recovery-codes" aria-label={t('twoStep.codesLabel')}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? t('common.copied') : t('common.copy')}
        </button>
        <a className="button" href={download} download="tandem-recovery-codes.txt">
          {t('twoStep.download')}
        </a>
      </div>
      <button type="button" className="primary" onClick={onDone}>
        {t('twoStep.saved')}
      </button>
    </section>
  );
}
