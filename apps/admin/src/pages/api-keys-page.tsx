/**
 * API keys (ADMIN, or PROGRAMME_ADMIN of the organisation): an organisation's keys for its own systems, a new
 * one with the key shown once, each with its prefix, rate limit and last use, and revocation. A key reads that
 * organisation's figures only and changes nothing. Cards rather than a table, so it reads on a 390 px phone.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Empty, Field, FormErrors, QueryState, fieldErrors, type FieldError } from '@tandem/ui';
import { useT } from '../i18n/locale';
import { ManagedOrganisation } from './managed-organisation';
import { Badge } from '../status-badge';
import { failure } from './save-failure';
import { when } from './webhook-deliveries';

const KeysQuery = graphql(`
  query ApiKeys($organizationId: ID!) {
    apiKeys(organizationId: $organizationId) {
      id
      name
      prefix
      requestsPerMinute
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

const CreateMutation = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      key
      apiKey {
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
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      apiKey {
        id
        revokedAt
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

type ApiKey = ResultOf<typeof KeysQuery>['apiKeys'][number];

export function ApiKeysPage() {
  const t = useT();
  return (
    <section>
      <h1>{t('nav.apiKeys')}</h1>
      <p>{t('keys.lead')}</p>
      <ManagedOrganisation id="api-key-org" noOrganisation={t('keys.noOrganisation')}>
        {(organizationId) => <Keys key={organizationId} organizationId={organizationId} />}
      </ManagedOrganisation>
    </section>
  );
}

function Keys({ organizationId }: { organizationId: string }) {
  const [result, reexecute] = useQuery({ query: KeysQuery, variables: { organizationId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const [shown, setShown] = useState<{ name: string; value: string } | null>(null);
  const t = useT();
  return (
    <>
      {shown && <KeyOnce {...shown} onDone={() => setShown(null)} />}
      <h2>{t('keys.list')}</h2>
      <QueryState {...result} retry={refresh}>
        {(data) =>
          data.apiKeys.length === 0 ? (
            <Empty>{t('keys.none')}</Empty>
          ) : (
            <ul className="webhooks">
              {data.apiKeys.map((k) => (
                <KeyCard key={k.id} apiKey={k} onChanged={refresh} />
              ))}
            </ul>
          )
        }
      </QueryState>
      <NewKey
        organizationId={organizationId}
        onCreated={(name, key) => {
          setShown({ name, value: key });
          refresh();
        }}
      />
    </>
  );
}

// `value`, not `key`: React keeps a `key` prop for itself
function KeyOnce({ name, value, onDone }: { name: string; value: string; onDone: () => void }) {
  const t = useT();
  return (
    <div className="card state-success" role="status" aria-label={t('keys.key')}>
      <p>
        {t('keys.keyOf')} <strong>{name}</strong>. {t('keys.keyOnce')}
      </p>
      <p>
        <code data-testid="api-key" className="webhook-secret">
          {value}
        </code>
      </p>
      <p>{t('keys.howToUse')}</p>
      <button type="button" onClick={onDone}>
        {t('keys.saved')}
      </button>
    </div>
  );
}

function KeyCard({ apiKey: k, onChanged }: { apiKey: ApiKey; onChanged: () => void }) {
  const t = useT();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [, revoke] = useMutation(RevokeMutation);
  async function confirmRevoke() {
    const res = await revoke({ id: k.id });
    const out = res.data?.revokeApiKey;
    setErrors(out ? [...out.errors] : failure(res, t('keys.revokeFailed')));
    setConfirming(false);
    onChanged();
  }
  return (
    <li className="card" aria-label={t('keys.card', { name: k.name })}>
      <div className="webhook-head">
        <strong>{k.name}</strong>
        <Badge status={k.revokedAt ? 'REVOKED' : 'ACTIVE'} tone={k.revokedAt ? 'warn' : 'good'} />
      </div>
      <p>
        <code className="webhook-secret">{k.prefix}…</code>
      </p>
      <p>{t('keys.rate', { count: k.requestsPerMinute })}</p>
      <p>{t('keys.created', { date: when(k.createdAt) })}</p>
      <p>{k.lastUsedAt ? t('keys.lastUsed', { date: when(k.lastUsedAt) }) : t('keys.neverUsed')}</p>
      {k.revokedAt && <p>{t('keys.revokedOn', { date: when(k.revokedAt) })}</p>}
      <FormErrors messages={errors.map((x) => x.message)} />
      {!k.revokedAt && (
        <div className="webhook-actions">
          {confirming ? (
            <>
              <span>{t('keys.revokeQuestion')}</span>
              <button type="button" className="danger" onClick={confirmRevoke}>
                {t('keys.revokeConfirm')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('keys.keep')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              {t('keys.revoke')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function NewKey({
  organizationId,
  onCreated,
}: {
  organizationId: string;
  onCreated: (name: string, key: string) => void;
}) {
  const t = useT();
  const [name, setName] = useState('');
  const [rate, setRate] = useState('120');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [, create] = useMutation(CreateMutation);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const requestsPerMinute = Number(rate);
    const res = await create({
      input: { organizationId, name, requestsPerMinute: Number.isFinite(requestsPerMinute) ? requestsPerMinute : 0 },
    });
    const out = res.data?.createApiKey;
    if (!out) return setErrors(failure(res, t('keys.createFailed')));
    setErrors([...out.errors]);
    if (out.key) {
      onCreated(name, out.key);
      setName('');
      setRate('120');
    }
  }
  const { byField, other } = fieldErrors(errors, ['name', 'requestsPerMinute']);
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('keys.new')}>
      <h3 style={{ marginTop: 0 }}>{t('keys.new')}</h3>
      <FormErrors messages={other} />
      <Field id="api-key-name" label={t('keys.name')} error={byField.name}>
        <input
          id="api-key-name"
          value={name}
          placeholder={t('keys.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!byField.name}
        />
      </Field>
      <Field id="api-key-rate" label={t('keys.rateLabel')} error={byField.requestsPerMinute}>
        <input
          id="api-key-rate"
          type="number"
          inputMode="numeric"
          min={1}
          max={6000}
          value={rate}
          onChange={(e) => setRate(e.target.value)}
          aria-invalid={!!byField.requestsPerMinute}
        />
      </Field>
      <button type="submit" className="primary">
        {t('keys.create')}
      </button>
    </form>
  );
}
