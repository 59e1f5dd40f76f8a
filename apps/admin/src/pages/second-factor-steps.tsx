/**
 * The second step of a staff sign-in (a code of the authenticator app or a recovery code) and the setting up
 * of a second factor (QR code and secret, a first code, then the recovery codes shown once), used by the
 * sign-in page (with a challenge) and the Security page (signed in).
 */
import { useEffect, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import { useAuth, Field, FormErrors, fieldErrors, type FieldError } from '@tandem/ui';
import type { SecondFactorEnrolment, Session } from '@tandem/ui';

/** The code form of a CODE challenge. */
export function SecondFactorCodeStep({ challenge, onRestart }: { challenge: string; onRestart: () => void }) {
  const { store } = useAuth();
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
      setMessage('The server could not be reached.');
    } finally {
      setBusy(false);
    }
  }

  const { byField, other } = fieldErrors(errors, ['code']);
  const expired = errors.some((e) => e.code === 'CHALLENGE_INVALID');
  return (
    <form onSubmit={submit} className="card" noValidate aria-labelledby="second-step-title">
      <h1 id="second-step-title">Two-step sign-in</h1>
      <p className="muted">
        Enter the 6-digit code your authenticator app shows for Tandem, or one of your recovery codes.
      </p>
      <FormErrors messages={[...other, ...(message ? [message] : [])]} />
      <Field id="code" label="Authentication code" error={byField.code}>
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
        {busy ? 'Checking…' : 'Verify'}
      </button>
      <p className="form-links">
        <button type="button" className="link" onClick={onRestart}>
          Start again
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
      .catch(() => live && setMessage('The server could not be reached.'));
    return () => {
      live = false;
    };
  }, [store, challenge]);

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
      setMessage('The server could not be reached.');
    } finally {
      setBusy(false);
    }
  }

  if (done) return <RecoveryCodes codes={done.codes} onDone={() => onDone(done.session)} />;
  const { byField, other } = fieldErrors(errors, ['code']);
  return (
    <form onSubmit={submit} className="card" noValidate aria-labelledby="enrol-title">
      <h1 id="enrol-title">Set up two-step sign-in</h1>
      <p className="muted">
        Your role needs a second factor. Scan the QR code with an authenticator app (for example Google Authenticator,
        Microsoft Authenticator, 1Password), or type the key into it, then enter the code it shows.
      </p>
      <FormErrors messages={[...other, ...(message ? [message] : [])]} />
      {enrolment && (
        <div className="totp-setup">
          {qr ? <img src={qr} width={200} height={200} alt="QR code to scan with your authenticator app" /> : null}
          <p>
            Key: <code data-testid="totp-secret">{enrolment.secret}</code>
          </p>
        </div>
      )}
      <Field id="enrol-code" label="Code from your app" error={byField.code}>
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
        {busy ? 'Checking…' : 'Confirm'}
      </button>
    </form>
  );
}

/** Recovery codes, shown once: copy or download them, then go on. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const text = `Tandem recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`;
  return (
    <section className="card" aria-labelledby="codes-title">
      <h1 id="codes-title">Your recovery codes</h1>
      <p className="muted">
        Keep these somewhere safe. Each one signs you in once if you lose your phone. They are shown only now.
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
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
          {copied ? 'Copied' : 'Copy'}
        </button>
        <a className="button" href={download} download="tandem-recovery-codes.txt">
          Download
        </a>
      </div>
      <button type="button" className="primary" onClick={onDone}>
        I have saved my recovery codes
      </button>
    </section>
  );
}
