/**
 * A relationship's open credential requests (ADMIN, or PROGRAMME_ADMIN of its organisation): who asks, for which
 * confirmed hours, with their note. Issuing the credentials answers them; declining needs a reason the person sees.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Field, FormErrors, QueryState, type FieldError } from '@tandem/ui';
import { formatDate, useT } from '../i18n/locale';

const CredentialRequestsQuery = graphql(`
  query RelationshipCredentialRequests($id: ID!) {
    credentialRequests(relationshipId: $id) {
      id
      personName
      role
      hours
      note
      requestedAt
    }
  }
`);
type Request = ResultOf<typeof CredentialRequestsQuery>['credentialRequests'][number];

const DeclineMutation = graphql(`
  mutation DeclineCredentialRequest($input: DeclineCredentialRequestInput!) {
    declineCredentialRequest(input: $input) {
      request {
        id
        resolution
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

/** The open requests; nothing when there are none. `refreshKey` changes when credentials were issued (they answer). */
export function CredentialRequestsSection({
  relationshipId,
  refreshKey,
}: {
  relationshipId: string;
  refreshKey: number;
}) {
  const t = useT();
  const [result, reexecute] = useQuery({ query: CredentialRequestsQuery, variables: { id: relationshipId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  useEffect(() => {
    if (refreshKey) reexecute({ requestPolicy: 'network-only' });
  }, [refreshKey, reexecute]);
  return (
    <QueryState {...result} retry={refresh}>
      {({ credentialRequests }) =>
        credentialRequests.length ? (
          <section aria-labelledby="credential-requests-title">
            <h3 id="credential-requests-title">
              {t('credentialRequests.title', { count: credentialRequests.length })}
            </h3>
            <ul className="check-ins">
              {credentialRequests.map((r) => (
                <RequestItem key={r.id} request={r} onChange={refresh} />
              ))}
            </ul>
          </section>
        ) : null
      }
    </QueryState>
  );
}

function RequestItem({ request: r, onChange }: { request: Request; onChange: () => void }) {
  const t = useT();
  const [state, decline] = useMutation(DeclineMutation);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const reasonId = `decline-reason-${r.id}`;
  const name = r.personName ?? t('credentialRequests.someone');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await decline({ input: { requestId: r.id, reason } });
    const out = res.data?.declineCredentialRequest;
    if (!out)
      return setErrors([
        { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('credentials.failed') },
      ]);
    setErrors([...out.errors]);
    if (out.request) onChange();
  }

  const reasonError = errors.find((e) => e.field === 'input.reason')?.message;
  return (
    <li className="card">
      <p>
        <strong>{r.role === 'MENTOR' ? t('common.mentor') : t('common.mentee')}</strong> <span>{name}</span>
      </p>
      <p className="muted">{t('credentialRequests.line', { date: formatDate(r.requestedAt), hours: r.hours })}</p>
      {r.note && <p className="quote">{r.note}</p>}
      <form onSubmit={submit} noValidate aria-label={t('credentialRequests.declineFor', { name })}>
        <FormErrors messages={errors.filter((e) => e.field !== 'input.reason').map((e) => e.message)} />
        <Field id={reasonId} label={t('credentialRequests.reason')} error={reasonError}>
          <input
            id={reasonId}
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={!!reasonError}
          />
        </Field>
        <button type="submit" disabled={state.fetching}>
          {t('credentialRequests.decline')}
        </button>
      </form>
    </li>
  );
}
