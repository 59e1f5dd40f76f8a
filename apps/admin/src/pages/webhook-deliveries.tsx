/** An endpoint's recent deliveries on the Webhooks page, with their answer and a replay; the events' labels. */
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, FormErrors, QueryState, nodesOf, type FieldError } from '@tandem/ui';
import { formatDate, useT, type MessageId } from '../i18n/locale';
import { Badge } from '../status-badge';
import { failure } from './save-failure';

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

export const EVENTS: ReadonlyArray<[EventType, MessageId]> = [
  ['RELATIONSHIP_STARTED', 'hooks.event.RELATIONSHIP_STARTED'],
  ['RELATIONSHIP_WITHDRAWN', 'hooks.event.RELATIONSHIP_WITHDRAWN'],
  ['RELATIONSHIP_COMPLETED', 'hooks.event.RELATIONSHIP_COMPLETED'],
  ['MEETING_CONFIRMED', 'hooks.event.MEETING_CONFIRMED'],
  ['RELATIONSHIP_TERMS_MET', 'hooks.event.RELATIONSHIP_TERMS_MET'],
  ['AUDIT_OUTCOME_RECORDED', 'hooks.event.AUDIT_OUTCOME_RECORDED'],
  ['PROGRAMME_ENROLLED', 'hooks.event.PROGRAMME_ENROLLED'],
];
/** An event type in words, in the language in use. */
export function useEventLabel(): (type: EventType) => string {
  const t = useT();
  return (type) => {
    const id = EVENTS.find(([v]) => v === type)?.[1];
    return id ? t(id) : type;
  };
}
export const when = (iso: string | null | undefined) =>
  iso ? `${formatDate(iso)} ${new Date(iso).toISOString().slice(11, 16)} UTC` : '—';

export function Deliveries({ endpointId }: { endpointId: string }) {
  const [result, reexecute] = useQuery({ query: DeliveriesQuery, variables: { id: endpointId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const [, replay] = useMutation(ReplayMutation);
  const t = useT();
  const eventLabel = useEventLabel();
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function again(id: string) {
    const res = await replay({ id });
    const out = res.data?.replayWebhookDelivery;
    setErrors(out ? [...out.errors] : failure(res, t('hooks.replayFailed')));
    refresh();
  }
  return (
    <QueryState {...result} retry={refresh}>
      {(data) => {
        const deliveries = nodesOf(data.webhookEndpoint.deliveries);
        return (
          <>
            <div className="row">
              <h3>{t('hooks.recent')}</h3>
              <button type="button" onClick={refresh}>
                {t('hooks.refresh')}
              </button>
            </div>
            <FormErrors messages={errors.map((x) => x.message)} />
            {deliveries.length === 0 ? (
              <Empty>{t('hooks.noDeliveries')}</Empty>
            ) : (
              <ul className="webhooks">
                {deliveries.map((d) => (
                  <li
                    key={d.id}
                    className="card"
                    aria-label={t('hooks.delivery', { event: eventLabel(d.eventType), date: when(d.createdAt) })}
                  >
                    <div className="webhook-head">
                      <span>{eventLabel(d.eventType)}</span>
                      <Badge
                        status={d.status}
                        tone={d.status === 'SUCCEEDED' ? 'good' : d.status === 'FAILED' ? 'warn' : undefined}
                      />
                    </div>
                    <p>
                      {when(d.createdAt)} · {t('hooks.attempts', { count: d.attempts })}
                      {d.responseStatus !== null && <> · HTTP {d.responseStatus}</>}
                      {d.replayOf && <> · {t('hooks.replayOf')}</>}
                      {d.nextAttemptAt && <> · {t('hooks.nextTry', { date: when(d.nextAttemptAt) })}</>}
                    </p>
                    {d.error && <p>{d.error}</p>}
                    {d.responseBodyExcerpt && (
                      <details>
                        <summary>{t('hooks.answer')}</summary>
                        <pre className="webhook-excerpt">{d.responseBodyExcerpt}</pre>
                      </details>
                    )}
                    {(d.status === 'SUCCEEDED' || d.status === 'FAILED') && (
                      <button type="button" onClick={() => again(d.id)}>
                        {t('hooks.replay')}
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
