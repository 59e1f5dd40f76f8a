/** An endpoint's recent deliveries on the Webhooks page, with their answer and a replay; the events' labels. */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, FormErrors, QueryState, nodesOf, type FieldError } from '@tandem/ui';
import { formatDate } from '../i18n/locale';
import { Badge } from '../status-badge';

const DeliveriesQuery = graphql(`
  query WebhookDeliveries($id: ID!) {
    webhookEndpoint(id: $id) {
      id
      deliveries(first: 20) {
        edges {
          node {
            id
            messageId
            eventType
            status
            attempts
            nextAttemptAt
            lastAttemptAt
            responseStatus
            responseBodyExcerpt
            error
            replayOf
            createdAt
          }
        }
      }
    }
  }
`);

const ReplayMutation = graphql(`
  mutation ReplayWebhookDelivery($id: ID!) {
    replayWebhookDelivery(id: $id) {
      delivery {
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

export type EventType = NonNullable<
  ResultOf<typeof DeliveriesQuery>['webhookEndpoint']
>['deliveries']['edges'][number]['node']['eventType'];

export const EVENTS: ReadonlyArray<[EventType, string]> = [
  ['RELATIONSHIP_STARTED', 'Relationship started'],
  ['RELATIONSHIP_WITHDRAWN', 'Relationship ended (withdrawn)'],
  ['RELATIONSHIP_COMPLETED', 'Relationship completed'],
  ['MEETING_CONFIRMED', 'Hours confirmed (a meeting counted)'],
  ['RELATIONSHIP_TERMS_MET', 'Programme terms met'],
  ['AUDIT_OUTCOME_RECORDED', 'Audit outcome recorded'],
  ['PROGRAMME_ENROLLED', 'Person joined a programme'],
];
export const eventLabel = (t: EventType) => EVENTS.find(([v]) => v === t)?.[1] ?? t;
export const when = (iso: string | null | undefined) =>
  iso ? `${formatDate(iso)} ${new Date(iso).toISOString().slice(11, 16)} UTC` : '—';

export const failure = (res: { error?: { graphQLErrors: Array<{ message: string }> } }, what: string): FieldError[] => [
  { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? `${what} failed.` },
];

export function Deliveries({ endpointId }: { endpointId: string }) {
  const [result, reexecute] = useQuery({ query: DeliveriesQuery, variables: { id: endpointId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const [, replay] = useMutation(ReplayMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function again(id: string) {
    const res = await replay({ id });
    const out = res.data?.replayWebhookDelivery;
    setErrors(out ? [...out.errors] : failure(res, 'Replaying'));
    refresh();
  }
  return (
    <QueryState {...result} retry={refresh}>
      {(data) => {
        const deliveries = nodesOf(data.webhookEndpoint.deliveries);
        return (
          <>
            <div className="row">
              <h3>Recent deliveries</h3>
              <button type="button" onClick={refresh}>
                Refresh
              </button>
            </div>
            <FormErrors messages={errors.map((x) => x.message)} />
            {deliveries.length === 0 ? (
              <Empty>Nothing delivered yet.</Empty>
            ) : (
              <ul className="webhooks">
                {deliveries.map((d) => (
                  <li
                    key={d.id}
                    className="card"
                    aria-label={`Delivery ${eventLabel(d.eventType)} ${when(d.createdAt)}`}
                  >
                    <div className="webhook-head">
                      <span>{eventLabel(d.eventType)}</span>
                      <Badge
                        status={d.status}
                        tone={d.status === 'SUCCEEDED' ? 'good' : d.status === 'FAILED' ? 'warn' : undefined}
                      />
                    </div>
                    <p>
                      {when(d.createdAt)} · attempts {d.attempts}
                      {d.responseStatus !== null && <> · HTTP {d.responseStatus}</>}
                      {d.replayOf && <> · replay</>}
                      {d.nextAttemptAt && <> · next try {when(d.nextAttemptAt)}</>}
                    </p>
                    {d.error && <p>{d.error}</p>}
                    {d.responseBodyExcerpt && (
                      <details>
                        <summary>Answer</summary>
                        <pre className="webhook-excerpt">{d.responseBodyExcerpt}</pre>
                      </details>
                    )}
                    {(d.status === 'SUCCEEDED' || d.status === 'FAILED') && (
                      <button type="button" onClick={() => again(d.id)}>
                        Replay
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
