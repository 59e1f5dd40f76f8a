/**
 * Security: the signed-in person's second factor. Set it up (QR code, first code, recovery codes shown once),
 * renew the recovery codes (with a code of the app), or remove it (password and a code).
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, QueryState, fieldErrors, type FieldError } from '@tandem/ui';
import { formatDate, useT } from '../i18n/locale';
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
  const t = useT();

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
      <h1>{t('nav.security')}</h1>
      <QueryState fetching={result.fetching} error={result.error} data={result.data} retry={refetch}>
        {(data) => {
          const factor = data.me.secondFactor;
          if (!factor?.enabled)
            return (
              <div className="card narrow">
                <h2>{t('twoStep.title')}</h2>
                <p>{factor?.required ? t('security.required') : t('security.add')}</p>
                <button type="button" className="primary" onClick={() => setMode('enrol')}>
                  {t('twoStep.enrolTitle')}
                </button>
              </div>
            );
          return (
            <>
              <div className="card narrow">
                <h2>{t('security.on')}</h2>
                <p>
                  {t('security.setUpOn', { date: factor.enrolledAt ? formatDate(factor.enrolledAt) : '—' })}{' '}
                  {t('security.codesLeft')} <strong>{factor.recoveryCodesLeft}</strong>
                  {factor.required ? ` ${t('security.roleRequires')}` : ''}
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
  const t = useT();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [state, renew] = useMutation(RenewMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const res = await renew({ code: code.trim() });
    const payload = res.data?.renewRecoveryCodes;
    if (!payload) return setMessage(res.error?.graphQLErrors[0]?.message ?? t('security.renewFailed'));
    setErrors([...payload.errors]);
    if (payload.recoveryCodes) {
      setCode('');
      onRenewed([...payload.recoveryCodes]);
    }
  }

  const { byField, other } = fieldErrors(errors, ['code']);
  return (
    <form onSubmit={submit} className="card narrow" noValidate aria-labelledby="renew-title">
      <h2 id="renew-title">{t('security.newCodes')}</h2>
      <p className="muted">{t('security.newCodesLead')}</p>
      <FormErrors messages={[...other, ...(message ? [message] : [])]} />
      <Field id="renew-code" label={t('twoStep.appCode')} error={byField.code}>
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
        {t('security.renew')}
      </button>
    </form>
  );
}

function RemoveForm({ required, onRemoved }: { required: boolean; onRemoved: () => void }) {
  const t = useT();
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
    if (!payload) return setMessage(res.error?.graphQLErrors[0]?.message ?? t('security.removeFailed'));
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
      <h2 id="remove-title">{t('security.removeTitle')}</h2>
      <p className="muted">{required ? t('security.removeRequired') : t('security.removeOptional')}</p>
      <FormErrors messages={[...other, ...(message ? [message] : [])]} />
      <Field id="remove-password" label={t('changePassword.current')} error={byField.password}>
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
      <Field id="remove-code" label={t('security.codeOrRecovery')} error={byField.code}>
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
        {t('security.remove')}
      </button>
    </form>
  );
}
