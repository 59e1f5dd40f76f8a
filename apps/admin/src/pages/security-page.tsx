/**
 * Security: the signed-in person's second factor. Set it up (QR code, first code, recovery codes shown once),
 * renew the recovery codes (with a code of the app), or remove it (password and a code).
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, QueryState, fieldErrors, type FieldError } from '@tandem/ui';
import { formatDate } from '../i18n/locale';
import { graphql } from '@tandem/ui/graphql';
import { RecoveryCodes, SecondFactorEnrolmentSteps } from './second-factor-steps';

const SecurityQuery = graphql(`
  query Security {
    me {
      id
      secondFactor {
        enabled
        required
        enrolledAt
        recoveryCodesLeft
      }
    }
  }
`);

const RenewMutation = graphql(`
  mutation RenewRecoveryCodes($code: String!) {
    renewRecoveryCodes(code: $code) {
      recoveryCodes
      errors {
        field
        code
        message
      }
    }
  }
`);

const RemoveMutation = graphql(`
  mutation RemoveSecondFactor($password: String!, $code: String!) {
    removeSecondFactor(password: $password, code: $code) {
      errors {
        field
        code
        message
      }
    }
  }
`);

export function SecurityPage() {
  const [result, reexecute] = useQuery({ query: SecurityQuery, requestPolicy: 'network-only' });
  const [mode, setMode] = useState<'view' | 'enrol' | 'codes'>('view');
  const [codes, setCodes] = useState<string[]>([]);
  const refetch = () => reexecute({ requestPolicy: 'network-only' });

  if (mode === 'enrol')
    return (
      <section className="narrow-page">
        <SecondFactorEnrolmentSteps
          challenge={null}
          onDone={() => {
            setMode('view');
            refetch();
          }}
        />
      </section>
    );
  if (mode === 'codes')
    return (
      <section className="narrow-page">
        <RecoveryCodes codes={codes} onDone={() => setMode('view')} />
      </section>
    );
  return (
    <section>
      <h1>Security</h1>
      <QueryState fetching={result.fetching} error={result.error} data={result.data} retry={refetch}>
        {(data) => {
          const factor = data.me.secondFactor;
          if (!factor?.enabled)
            return (
              <div className="card narrow">
                <h2>Two-step sign-in</h2>
                <p>
                  {factor?.required
                    ? 'Your role requires a second factor: you will be asked to set one up when you next sign in.'
                    : 'Add a second factor: after your password, sign-in asks for a code from an authenticator app.'}
                </p>
                <button type="button" className="primary" onClick={() => setMode('enrol')}>
                  Set up two-step sign-in
                </button>
              </div>
            );
          return (
            <>
              <div className="card narrow">
                <h2>Two-step sign-in is on</h2>
                <p>
                  Set up on {factor.enrolledAt ? formatDate(factor.enrolledAt) : '—'}. Recovery codes left:{' '}
                  <strong>{factor.recoveryCodesLeft}</strong>
                  {factor.required ? ' Your role requires it.' : ''}
                </p>
              </div>
              <RenewForm
                onRenewed={(fresh) => {
                  setCodes(fresh);
                  setMode('codes');
                  refetch();
                }}
              />
              <RemoveForm required={factor.required} onRemoved={refetch} />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function RenewForm({ onRenewed }: { onRenewed: (codes: string[]) => void }) {
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [state, renew] = useMutation(RenewMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const res = await renew({ code: code.trim() });
    const payload = res.data?.renewRecoveryCodes;
    if (!payload) return setMessage(res.error?.graphQLErrors[0]?.message ?? 'The codes could not be renewed.');
    setErrors([...payload.errors]);
    if (payload.recoveryCodes) {
      setCode('');
      onRenewed([...payload.recoveryCodes]);
    }
  }

  const { byField, other } = fieldErrors(errors, ['code']);
  return (
    <form onSubmit={submit} className="card narrow" noValidate aria-labelledby="renew-title">
      <h2 id="renew-title">New recovery codes</h2>
      <p className="muted">Your current recovery codes stop working; the new ones are shown once.</p>
      <FormErrors messages={[...other, ...(message ? [message] : [])]} />
      <Field id="renew-code" label="Code from your app" error={byField.code}>
        <input
          id="renew-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={!!byField.code}
          required
        />
      </Field>
      <button type="submit" disabled={state.fetching}>
        Renew recovery codes
      </button>
    </form>
  );
}

function RemoveForm({ required, onRemoved }: { required: boolean; onRemoved: () => void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [state, remove] = useMutation(RemoveMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const res = await remove({ password, code: code.trim() });
    const payload = res.data?.removeSecondFactor;
    if (!payload) return setMessage(res.error?.graphQLErrors[0]?.message ?? 'The second factor could not be removed.');
    setErrors([...payload.errors]);
    if (payload.errors.length === 0) {
      setPassword('');
      setCode('');
      onRemoved();
    }
  }

  const { byField, other } = fieldErrors(errors, ['password', 'code']);
  return (
    <form onSubmit={submit} className="card narrow" noValidate aria-labelledby="remove-title">
      <h2 id="remove-title">Remove two-step sign-in</h2>
      <p className="muted">
        {required
          ? 'Your role requires it: you will set up a new one at your next sign-in.'
          : 'Sign-in will ask for your password only.'}
      </p>
      <FormErrors messages={[...other, ...(message ? [message] : [])]} />
      <Field id="remove-password" label="Current password" error={byField.password}>
        <input
          id="remove-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={!!byField.password}
          required
        />
      </Field>
      <Field id="remove-code" label="Code from your app or a recovery code" error={byField.code}>
        <input
          id="remove-code"
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={!!byField.code}
          required
        />
      </Field>
      <button type="submit" disabled={state.fetching}>
        Remove
      </button>
    </form>
  );
}
