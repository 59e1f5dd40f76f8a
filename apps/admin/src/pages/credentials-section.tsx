/**
 * A relationship's Open Badges 3.0 credentials (ADMIN, or PROGRAMME_ADMIN of its organisation): issue one to each
 * partner for their confirmed hours, signed with the organisation's key, and revoke one with a reason (its bit on
 * the organisation's public status list is set at once).
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, Field, FormErrors, QueryState, StatusBadge, type FieldError } from '@tandem/ui';
import { formatDate, formatNumber, useT } from '../i18n/locale';
import { CredentialRequestsSection } from './credential-requests-section';

const CredentialsQuery = graphql(`
  query RelationshipCredentials($id: ID!) {
    credentialsIssued(relationshipId: $id) {
      id
      role
      personName
      periodFrom
      periodTo
      hours
      meetings
      issuedAt
      revokedAt
      revokeReason
    }
  }
`);
type Credential = ResultOf<typeof CredentialsQuery>['credentialsIssued'][number];

const IssueMutation = graphql(`
  mutation IssueCredentials($input: IssueCredentialsInput!) {
    issueCredentials(input: $input) {
      credentials {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const RevokeMutation = graphql(`
  mutation RevokeCredential($input: RevokeCredentialInput!) {
    revokeCredential(input: $input) {
      credential {
        id
        revokedAt
        revokeReason
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const failure = (message: string): FieldError[] => [{ field: '', code: 'ERROR', message }];

export function CredentialsSection({ relationshipId }: { relationshipId: string }) {
  const t = useT();
  const [result, reexecute] = useQuery({ query: CredentialsQuery, variables: { id: relationshipId } });
  const [state, issue] = useMutation(IssueMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [issued, setIssued] = useState<number | null>(null);
  const [issuedTimes, setIssuedTimes] = useState(0);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });

  async function issueAll() {
    setIssued(null);
    const res = await issue({ input: { relationshipId } });
    const out = res.data?.issueCredentials;
    if (!out) return setErrors(failure(res.error?.graphQLErrors[0]?.message ?? t('credentials.failed')));
    setErrors([...out.errors]);
    if (out.credentials) {
      setIssued(out.credentials.length);
      setIssuedTimes((n) => n + 1);
      refresh();
    }
  }

  return (
    <>
      <h2 id="credentials-title">{t('credentials.title')}</h2>
      <p className="muted">{t('credentials.lead')}</p>
      <FormErrors messages={errors.map((e) => e.message)} />
      {issued !== null && (
        <p className="state state-success" role="status">
          {t('credentials.issued', { count: issued })}
        </p>
      )}
      <CredentialRequestsSection relationshipId={relationshipId} refreshKey={issuedTimes} />
      <p>
        <button type="button" className="primary" onClick={() => void issueAll()} disabled={state.fetching}>
          {t('credentials.issue')}
        </button>
      </p>
      <QueryState {...result} retry={refresh}>
        {({ credentialsIssued }) =>
          credentialsIssued.length === 0 ? (
            <Empty>{t('credentials.none')}</Empty>
          ) : (
            <ul className="check-ins">
              {credentialsIssued.map((c) => (
                <CredentialItem key={c.id} credential={c} onChange={refresh} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}

function CredentialItem({ credential: c, onChange }: { credential: Credential; onChange: () => void }) {
  const t = useT();
  const [state, revoke] = useMutation(RevokeMutation);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const reasonId = `revoke-reason-${c.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await revoke({ input: { credentialId: c.id, reason } });
    const out = res.data?.revokeCredential;
    if (!out) return setErrors(failure(res.error?.graphQLErrors[0]?.message ?? t('credentials.failed')));
    setErrors([...out.errors]);
    if (out.credential) onChange();
  }

  const reasonError = errors.find((e) => e.field === 'input.reason')?.message;
  return (
    <li className="card">
      <strong>{c.role === 'MENTOR' ? t('common.mentor') : t('common.mentee')}</strong> <span>{c.personName}</span>{' '}
      {c.revokedAt ? (
        <StatusBadge status="REVOKED" tone="warn" label={t('credentials.revoked')} />
      ) : (
        <StatusBadge status="VALID" tone="good" label={t('credentials.valid')} />
      )}
      <p className="muted">
        {t('credentials.line', {
          from: formatDate(c.periodFrom),
          to: formatDate(c.periodTo),
          hours: formatNumber(c.hours),
          meetings: c.meetings,
          issued: formatDate(c.issuedAt),
        })}
      </p>
      {c.revokedAt ? (
        <p className="muted">
          {t('credentials.revokedWhy', { date: formatDate(c.revokedAt), reason: c.revokeReason ?? '' })}
        </p>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('credentials.revokeFor', { name: c.personName })}>
          <FormErrors messages={errors.filter((e) => e.field !== 'input.reason').map((e) => e.message)} />
          <Field id={reasonId} label={t('credentials.reason')} error={reasonError}>
            <input
              id={reasonId}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={!!reasonError}
            />
          </Field>
          <button type="submit" disabled={state.fetching}>
            {t('credentials.revoke')}
          </button>
        </form>
      )}
    </li>
  );
}
