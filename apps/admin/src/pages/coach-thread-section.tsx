/**
 * The relationship's coach thread: the pair and the coaches of its organisation write in it (the others are
 * notified); admins and programme admins read it. The partners' private messages are never shown here.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '@tandem/ui/graphql';
import {
  Empty,
  Field,
  FormErrors,
  LiveIndicator,
  QueryState,
  fieldErrors,
  hasAnyRole,
  useAuth,
  useLiveRefresh,
  type FieldError,
} from '@tandem/ui';
import { formatDate, useT } from '../i18n/locale';

const CoachThreadQuery = graphql(`
  query AdminCoachThread($id: ID!) {
    relationship(id: $id) {
      id
      coachThread(first: 50) {
        edges {
          node {
            id
            body
            sentAt
            author {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);

const SendMutation = graphql(`
  mutation AdminSendCoachThreadMessage($relationshipId: ID!, $body: String!) {
    sendCoachThreadMessage(relationshipId: $relationshipId, body: $body) {
      message {
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

export function CoachThreadSection({ relationshipId }: { relationshipId: string }) {
  const { session } = useAuth();
  const canWrite = hasAnyRole(session, ['COACH']);
  const t = useT();
  const [result, reexecute] = useQuery({ query: CoachThreadQuery, variables: { id: relationshipId } });
  // a message from the pair appears without a reload (polled while live updates are unavailable)
  useLiveRefresh(
    (s) => s.kind === 'COACH_MESSAGE' && s.id === relationshipId,
    () => reexecute({ requestPolicy: 'network-only' }),
  );
  const [state, send] = useMutation(SendMutation);
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    const res = await send({ relationshipId, body });
    const out = res.data?.sendCoachThreadMessage;
    if (!out)
      return setErrors([
        { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('thread.failed') },
      ]);
    setErrors([...out.errors]);
    if (!out.errors.length) {
      setBody('');
      setSent(true);
      reexecute({ requestPolicy: 'network-only' });
    }
  }

  const { byField, other } = fieldErrors(errors, ['body']);
  return (
    <>
      <h2 id="coach-thread">{t('thread.title')}</h2>
      <p className="muted">{t('thread.lead')}</p>
      <p>
        <LiveIndicator
          labels={{ live: t('live.live'), connecting: t('live.connecting'), polling: t('live.polling') }}
        />
      </p>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) => {
          const messages = (data.relationship.coachThread?.edges ?? []).map((e) => e.node).reverse();
          return messages.length === 0 ? (
            <Empty>{t('thread.none')}</Empty>
          ) : (
            <ol className="check-ins">
              {messages.map((m) => (
                <li key={m.id} className="card">
                  <strong>{m.author.displayName ?? t('thread.someone')}</strong>{' '}
                  <span className="muted">{formatDate(m.sentAt)}</span>
                  <p>{m.body}</p>
                </li>
              ))}
            </ol>
          );
        }}
      </QueryState>
      {canWrite && (
        <form className="card" onSubmit={submit} noValidate aria-labelledby="write-coach-thread">
          <h3 id="write-coach-thread">{t('thread.toPair')}</h3>
          {sent && (
            <p className="state state-success" role="status">
              {t('thread.sent')}
            </p>
          )}
          <FormErrors messages={other} />
          <Field id="ct-body" label={t('thread.write')} error={byField.body}>
            <textarea
              id="ct-body"
              rows={3}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-invalid={!!byField.body}
            />
          </Field>
          <button type="submit" className="primary" disabled={state.fetching || !body.trim()}>
            {t('thread.submit')}
          </button>
        </form>
      )}
    </>
  );
}
