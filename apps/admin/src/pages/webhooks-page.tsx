/**
 * Webhooks (ADMIN, or PROGRAMME_ADMIN of the organisation): an organisation's endpoints, a new one with its
 * secret shown once, enable and disable, secret rotation, and each endpoint's recent deliveries with their
 * status and answer, replayable. Cards and lists rather than tables, so it reads on a 390 px phone.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, Field, FormErrors, QueryState, fieldErrors, type FieldError } from '@tandem/ui';
import { useT } from '../i18n/locale';
import { ManagedOrganisation } from './managed-organisation';
import { Badge } from '../status-badge';
import { Deliveries, EVENTS, useEventLabel, when, type EventType } from './webhook-deliveries';
import { failure } from './save-failure';

const EndpointsQuery = graphql(`
  query WebhookEndpoints($organizationId: ID!) {
    webhookEndpoints(organizationId: $organizationId) {
      id
      url
      description
      eventTypes
      enabled
      disabledReason
      disabledAt
      consecutiveFailures
      previousSecretExpiresAt
      createdAt
    }
  }
`);

const CreateMutation = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
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

const SetEnabledMutation = graphql(`
  mutation SetWebhookEndpointEnabled($id: ID!, $enabled: Boolean!) {
    setWebhookEndpointEnabled(id: $id, enabled: $enabled) {
      endpoint {
        id
        enabled
        disabledReason
        consecutiveFailures
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

const RotateMutation = graphql(`
  mutation RotateWebhookEndpointSecret($id: ID!) {
    rotateWebhookEndpointSecret(id: $id) {
      secret
      endpoint {
        id
        previousSecretExpiresAt
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type Endpoint = ResultOf<typeof EndpointsQuery>['webhookEndpoints'][number];

export function WebhooksPage() {
  const t = useT();
  return (
    <section>
      <h1>{t('nav.webhooks')}</h1>
      <p>{t('hooks.lead')}</p>
      <ManagedOrganisation id="webhook-org" noOrganisation={t('hooks.noOrganisation')}>
        {(organizationId) => <Endpoints key={organizationId} organizationId={organizationId} />}
      </ManagedOrganisation>
    </section>
  );
}

function Endpoints({ organizationId }: { organizationId: string }) {
  const [result, reexecute] = useQuery({ query: EndpointsQuery, variables: { organizationId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const t = useT();
  return (
    <>
      {secret && <SecretOnce {...secret} onDone={() => setSecret(null)} />}
      <h2>{t('hooks.endpoints')}</h2>
      <QueryState {...result} retry={refresh}>
        {(data) =>
          data.webhookEndpoints.length === 0 ? (
            <Empty>{t('hooks.none')}</Empty>
          ) : (
            <ul className="webhooks">
              {data.webhookEndpoints.map((e) => (
                <EndpointCard key={e.id} endpoint={e} onChanged={refresh} onSecret={setSecret} />
              ))}
            </ul>
          )
        }
      </QueryState>
      <NewEndpoint
        organizationId={organizationId}
        onCreated={(url, s) => {
          setSecret({ url, secret: s });
          refresh();
        }}
      />
    </>
  );
}

function SecretOnce({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const t = useT();
  return (
    <div className="card state-success" role="status" aria-label={t('hooks.secret')}>
      <p>
        {t('hooks.secretOf')} <strong className="webhook-url">{url}</strong>. {t('hooks.secretOnce')}
      </p>
      <p>
        <code data-testid="webhook-secret" className="webhook-secret">
          {secret}
        </code>
      </p>
      <button type="button" onClick={onDone}>
        {t('hooks.saved')}
      </button>
    </div>
  );
}

function EndpointCard({
  endpoint: e,
  onChanged,
  onSecret,
}: {
  endpoint: Endpoint;
  onChanged: () => void;
  onSecret: (s: { url: string; secret: string }) => void;
}) {
  const t = useT();
  const eventLabel = useEventLabel();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [, setEnabled] = useMutation(SetEnabledMutation);
  const [, rotate] = useMutation(RotateMutation);
  async function toggle() {
    const res = await setEnabled({ id: e.id, enabled: !e.enabled });
    const out = res.data?.setWebhookEndpointEnabled;
    setErrors(out ? [...out.errors] : failure(res, t('common.savingFailed')));
    onChanged();
  }
  async function newSecret() {
    const res = await rotate({ id: e.id });
    const out = res.data?.rotateWebhookEndpointSecret;
    if (!out) return setErrors(failure(res, t('hooks.rotateFailed')));
    setErrors([...out.errors]);
    if (out.secret) onSecret({ url: e.url, secret: out.secret });
    onChanged();
  }
  return (
    <li className="card" id={`endpoint-${e.id}`} aria-label={t('hooks.endpoint', { url: e.url })}>
      <div className="webhook-head">
        <strong className="webhook-url">{e.url}</strong>
        <Badge status={e.enabled ? 'enabled' : 'disabled'} tone={e.enabled ? 'good' : 'warn'} />
      </div>
      {e.description && <p>{e.description}</p>}
      <p>{t('hooks.eventsLine', { events: e.eventTypes.map(eventLabel).join(', ') })}</p>
      {!e.enabled && e.disabledReason && (
        <p className="state state-error">
          {t('hooks.disabled', { date: when(e.disabledAt), reason: e.disabledReason })}
        </p>
      )}
      {e.consecutiveFailures > 0 && e.enabled && <p>{t('hooks.failures', { count: e.consecutiveFailures })}</p>}
      {e.previousSecretExpiresAt && <p>{t('hooks.previousSecret', { date: when(e.previousSecretExpiresAt) })}</p>}
      <FormErrors messages={errors.map((x) => x.message)} />
      <div className="webhook-actions">
        <button type="button" onClick={toggle}>
          {e.enabled ? t('hooks.disable') : t('hooks.enable')}
        </button>
        <button type="button" onClick={newSecret}>
          {t('hooks.rotate')}
        </button>
        <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('hooks.hide') : t('hooks.recent')}
        </button>
      </div>
      {open && <Deliveries endpointId={e.id} />}
    </li>
  );
}

function NewEndpoint({
  organizationId,
  onCreated,
}: {
  organizationId: string;
  onCreated: (url: string, secret: string) => void;
}) {
  const t = useT();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<EventType[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [, create] = useMutation(CreateMutation);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await create({ input: { organizationId, url, description, eventTypes: types } });
    const out = res.data?.createWebhookEndpoint;
    if (!out) return setErrors(failure(res, t('hooks.createFailed')));
    setErrors([...out.errors]);
    if (out.secret) {
      onCreated(url, out.secret);
      setUrl('');
      setDescription('');
      setTypes([]);
    }
  }
  const { byField, other } = fieldErrors(errors, ['url', 'description', 'eventTypes']);
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('hooks.new')}>
      <h3 style={{ marginTop: 0 }}>{t('hooks.new')}</h3>
      <FormErrors messages={other} />
      <Field id="webhook-url" label={t('hooks.url')} error={byField.url}>
        <input
          id="webhook-url"
          type="url"
          value={url}
          placeholder="https://hooks.example.org/tandem"
          onChange={(e) => setUrl(e.target.value)}
          aria-invalid={!!byField.url}
        />
      </Field>
      <Field id="webhook-description" label={t('hooks.description')} error={byField.description}>
        <input id="webhook-description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <fieldset className="checks" aria-invalid={!!byField.eventTypes}>
        <legend>{t('hooks.events')}</legend>
        {EVENTS.map(([value, label]) => (
          <label key={value}>
            <input
              type="checkbox"
              checked={types.includes(value)}
              onChange={(e) => setTypes((t) => (e.target.checked ? [...t, value] : t.filter((x) => x !== value)))}
            />{' '}
            {t(label)}
          </label>
        ))}
        {byField.eventTypes && (
          <span className="field-error" role="alert">
            {byField.eventTypes}
          </span>
        )}
      </fieldset>
      <button type="submit" className="primary">
        {t('hooks.create')}
      </button>
    </form>
  );
}
