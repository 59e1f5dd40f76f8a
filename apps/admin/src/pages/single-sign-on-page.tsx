/**
 * Organisations › Single sign-on (ADMIN): an organisation's OpenID Connect provider — issuer, client id, the
 * client secret (write-only: the page only says whether one is stored), the email domains it covers, which
 * claim holds a person's groups, which staff roles its groups give, and whether its staff may still use a
 * password.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Field, FormErrors, QueryState, fieldErrors, type FieldError } from '@tandem/ui';
import { formatDate, useT, type MessageId } from '../i18n/locale';
import { failure } from './save-failure';

const SingleSignOnQuery = graphql(`
  query OrganisationSingleSignOn($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      name
    }
    organizationSingleSignOn(organizationId: $organizationId) {
      organizationId
      issuer
      clientId
      clientSecretSet
      emailDomains
      roleMappings {
        group
        roles
      }
      groupsClaim
      passwordAllowed
      redirectUri
      updatedAt
    }
  }
`);

const SetSingleSignOnMutation = graphql(`
  mutation SetOrganisationSingleSignOn($input: SetOrganizationSingleSignOnInput!) {
    setOrganizationSingleSignOn(input: $input) {
      errors {
        field
        code
        message
      }
      singleSignOn {
        organizationId
        clientSecretSet
        updatedAt
      }
    }
  }
`);

const RemoveSingleSignOnMutation = graphql(`
  mutation RemoveOrganisationSingleSignOn($organizationId: ID!) {
    removeOrganizationSingleSignOn(organizationId: $organizationId) {
      errors {
        field
        code
        message
      }
    }
  }
`);

type Settings = NonNullable<ResultOf<typeof SingleSignOnQuery>['organizationSingleSignOn']>;
type StaffRole = 'COACH' | 'PROGRAMME_ADMIN' | 'ANALYST' | 'ADMIN';
const ROLES: ReadonlyArray<[StaffRole, MessageId]> = [
  ['COACH', 'sso.role.COACH'],
  ['PROGRAMME_ADMIN', 'sso.role.PROGRAMME_ADMIN'],
  ['ANALYST', 'sso.role.ANALYST'],
  ['ADMIN', 'sso.role.ADMIN'],
];
interface Mapping {
  key: number;
  group: string;
  roles: StaffRole[];
}

export function SingleSignOnPage() {
  const organizationId = useParams().organizationId ?? '';
  const [result, reexecute] = useQuery({ query: SingleSignOnQuery, variables: { organizationId } });
  // the form is remounted with what was saved: the notice of the save lives here
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const t = useT();
  return (
    <section>
      <p className="form-links">
        <Link to="/organisations">← {t('orgs.title')}</Link>
      </p>
      <QueryState {...result} retry={refresh}>
        {(data) => (
          <>
            <h1>{t('sso.title', { name: data.organization.name })}</h1>
            {notice && (
              <p className="state state-success" role="status">
                {notice}
              </p>
            )}
            <SingleSignOnForm
              key={String(data.organizationSingleSignOn?.updatedAt ?? 'none')}
              organizationId={organizationId}
              settings={data.organizationSingleSignOn}
              onSaved={(message) => {
                setNotice(message);
                refresh();
              }}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

let nextKey = 0;

function SingleSignOnForm({
  organizationId,
  settings,
  onSaved,
}: {
  organizationId: string;
  settings: Settings | null;
  onSaved: (notice: string) => void;
}) {
  const [issuer, setIssuer] = useState(settings?.issuer ?? '');
  const [clientId, setClientId] = useState(settings?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState(settings?.emailDomains.join(', ') ?? '');
  const [passwordAllowed, setPasswordAllowed] = useState(settings?.passwordAllowed ?? false);
  const [groupsClaim, setGroupsClaim] = useState(settings?.groupsClaim ?? 'groups');
  const [mappings, setMappings] = useState<Mapping[]>(
    settings?.roleMappings.map((m) => ({ key: nextKey++, group: m.group, roles: [...m.roles] as StaffRole[] })) ?? [
      { key: nextKey++, group: '', roles: ['COACH'] },
    ],
  );
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [, save] = useMutation(SetSingleSignOnMutation);
  const [, remove] = useMutation(RemoveSingleSignOnMutation);
  const t = useT();

  const change = (key: number, patch: Partial<Mapping>) =>
    setMappings((all) => all.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const res = await save({
      input: {
        organizationId,
        issuer,
        clientId,
        clientSecret: clientSecret || null,
        emailDomains: domains
          .split(/[\s,]+/)
          .map((d) => d.trim())
          .filter(Boolean),
        roleMappings: mappings.map((m) => ({ group: m.group, roles: m.roles })),
        groupsClaim: groupsClaim.trim() || null,
        passwordAllowed,
      },
    });
    setBusy(false);
    const out = res.data?.setOrganizationSingleSignOn;
    if (!out) return setErrors(failure(res, t('common.savingFailed')));
    setErrors([...out.errors]);
    if (out.errors.length === 0) onSaved(t('sso.saved'));
  }

  async function removeAll() {
    if (!window.confirm(t('sso.removeConfirm'))) return;
    const res = await remove({ organizationId });
    const out = res.data?.removeOrganizationSingleSignOn;
    if (!out) return setErrors(failure(res, t('sso.removeFailed')));
    setErrors([...out.errors]);
    if (out.errors.length === 0) onSaved(t('sso.removed'));
  }

  const { byField, other } = fieldErrors(
    errors.filter((e) => !e.field.startsWith('input.roleMappings.')),
    ['issuer', 'clientId', 'clientSecret', 'emailDomains', 'groupsClaim', 'roleMappings'],
  );
  const mappingError = (i: number) =>
    errors
      .filter((e) => e.field.startsWith(`input.roleMappings.${i}.`))
      .map((e) => e.message)
      .join(' ') || undefined;

  return (
    <form className="card sso-form" onSubmit={submit} noValidate aria-label={t('sso.settings')}>
      {settings ? (
        <p className="muted">{t('sso.lastChanged', { date: formatDate(String(settings.updatedAt)) })}</p>
      ) : (
        <p className="state state-info">{t('sso.none')}</p>
      )}
      <FormErrors messages={other} />
      {settings && (
        <p>
          {t('sso.redirectUri')} <code className="sso-uri">{settings.redirectUri}</code>
        </p>
      )}
      <Field id="sso-issuer" label={t('sso.issuer')} error={byField.issuer} hint={t('sso.issuer.hint')}>
        <input
          id="sso-issuer"
          type="url"
          value={issuer}
          placeholder="https://login.example.org"
          onChange={(e) => setIssuer(e.target.value)}
          aria-invalid={!!byField.issuer}
        />
      </Field>
      <Field id="sso-client-id" label={t('sso.clientId')} error={byField.clientId}>
        <input
          id="sso-client-id"
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          aria-invalid={!!byField.clientId}
        />
      </Field>
      <Field
        id="sso-client-secret"
        label={t('sso.clientSecret')}
        error={byField.clientSecret}
        hint={settings?.clientSecretSet ? t('sso.clientSecret.kept') : t('sso.clientSecret.hint')}
      >
        <input
          id="sso-client-secret"
          type="password"
          autoComplete="off"
          value={clientSecret}
          onChange={(e) => setClientSecret(e.target.value)}
          aria-invalid={!!byField.clientSecret}
        />
      </Field>
      <Field id="sso-domains" label={t('sso.domains')} error={byField.emailDomains} hint={t('sso.domains.hint')}>
        <input
          id="sso-domains"
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          aria-invalid={!!byField.emailDomains}
        />
      </Field>
      <h2>{t('sso.groups')}</h2>
      <p className="muted">{t('sso.groups.lead')}</p>
      <Field
        id="sso-groups-claim"
        label={t('sso.groupsClaim')}
        error={byField.groupsClaim}
        hint={t('sso.groupsClaim.hint')}
      >
        <input
          id="sso-groups-claim"
          value={groupsClaim}
          onChange={(e) => setGroupsClaim(e.target.value)}
          aria-invalid={!!byField.groupsClaim}
        />
      </Field>
      {byField.roleMappings && (
        <p className="field-error" role="alert">
          {byField.roleMappings}
        </p>
      )}
      {mappings.map((m, i) => (
        <fieldset key={m.key} className="sso-mapping checks">
          <legend>{t('sso.mapping', { n: i + 1 })}</legend>
          <Field id={`sso-group-${m.key}`} label={t('sso.group')} error={mappingError(i)}>
            <input
              id={`sso-group-${m.key}`}
              value={m.group}
              onChange={(e) => change(m.key, { group: e.target.value })}
              aria-invalid={!!mappingError(i)}
            />
          </Field>
          {ROLES.map(([role, label]) => (
            <label key={role}>
              <input
                type="checkbox"
                checked={m.roles.includes(role)}
                onChange={(e) =>
                  change(m.key, {
                    roles: e.target.checked ? [...m.roles, role] : m.roles.filter((r) => r !== role),
                  })
                }
              />{' '}
              {t(label)}
            </label>
          ))}
          <button
            type="button"
            onClick={() => setMappings((all) => all.filter((x) => x.key !== m.key))}
            aria-label={t('sso.mapping.remove', { n: i + 1 })}
          >
            {t('sso.remove')}
          </button>
        </fieldset>
      ))}
      <p>
        <button type="button" onClick={() => setMappings((all) => [...all, { key: nextKey++, group: '', roles: [] }])}>
          {t('sso.mapping.add')}
        </button>
      </p>
      <div className="checks">
        <label>
          <input type="checkbox" checked={passwordAllowed} onChange={(e) => setPasswordAllowed(e.target.checked)} />{' '}
          {t('sso.passwordAllowed')}
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('sso.checking') : t('common.save')}
        </button>
        {settings && (
          <button type="button" onClick={() => void removeAll()}>
            {t('sso.removeAll')}
          </button>
        )}
      </div>
    </form>
  );
}
