/**
 * Organisations › Single sign-on (ADMIN): an organisation's OpenID Connect provider — issuer, client id, the
 * client secret (write-only: the page only says whether one is stored), the email domains it covers, which
 * staff roles its groups give, and whether its staff may still use a password.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { Field, FormErrors, QueryState, fieldErrors, formatDate, type FieldError } from '@tandem/ui';
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
const ROLES: ReadonlyArray<[StaffRole, string]> = [
  ['COACH', 'Coach'],
  ['PROGRAMME_ADMIN', 'Programme admin'],
  ['ANALYST', 'Analyst'],
  ['ADMIN', 'Admin'],
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
  return (
    <section>
      <p className="form-links">
        <Link to="/organisations">← Organisations and programmes</Link>
      </p>
      <QueryState {...result} retry={refresh}>
        {(data) => (
          <>
            <h1>Single sign-on: {data.organization.name}</h1>
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
  const [mappings, setMappings] = useState<Mapping[]>(
    settings?.roleMappings.map((m) => ({ key: nextKey++, group: m.group, roles: [...m.roles] as StaffRole[] })) ?? [
      { key: nextKey++, group: '', roles: ['COACH'] },
    ],
  );
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [, save] = useMutation(SetSingleSignOnMutation);
  const [, remove] = useMutation(RemoveSingleSignOnMutation);

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
        passwordAllowed,
      },
    });
    setBusy(false);
    const out = res.data?.setOrganizationSingleSignOn;
    if (!out) return setErrors(failure(res, 'Saving'));
    setErrors([...out.errors]);
    if (out.errors.length === 0) onSaved('Saved. The client secret is stored sealed and is never shown again.');
  }

  async function removeAll() {
    if (!window.confirm('Remove single sign-on? Its staff will sign in with a password again.')) return;
    const res = await remove({ organizationId });
    const out = res.data?.removeOrganizationSingleSignOn;
    if (!out) return setErrors(failure(res, 'Removing'));
    setErrors([...out.errors]);
    if (out.errors.length === 0) onSaved('Single sign-on removed: its staff sign in with a password again.');
  }

  const { byField, other } = fieldErrors(
    errors.filter((e) => !e.field.startsWith('input.roleMappings.')),
    ['issuer', 'clientId', 'clientSecret', 'emailDomains', 'roleMappings'],
  );
  const mappingError = (i: number) =>
    errors
      .filter((e) => e.field.startsWith(`input.roleMappings.${i}.`))
      .map((e) => e.message)
      .join(' ') || undefined;

  return (
    <form className="card sso-form" onSubmit={submit} noValidate aria-label="Single sign-on settings">
      {settings ? (
        <p className="muted">Last changed {formatDate(String(settings.updatedAt))}.</p>
      ) : (
        <p className="state state-info">
          This organisation has no single sign-on: its staff sign in with a password. Register Tandem at the
          organisation’s OpenID Connect provider with the redirect URI below, then fill this in.
        </p>
      )}
      <FormErrors messages={other} />
      {settings && (
        <p>
          Redirect URI to register at the provider: <code className="sso-uri">{settings.redirectUri}</code>
        </p>
      )}
      <Field id="sso-issuer" label="Issuer URL" error={byField.issuer} hint="As the provider names itself (https).">
        <input
          id="sso-issuer"
          type="url"
          value={issuer}
          placeholder="https://login.example.org"
          onChange={(e) => setIssuer(e.target.value)}
          aria-invalid={!!byField.issuer}
        />
      </Field>
      <Field id="sso-client-id" label="Client id" error={byField.clientId}>
        <input
          id="sso-client-id"
          value={clientId}
          onChange={(e) => setClientId(e.target.value)}
          aria-invalid={!!byField.clientId}
        />
      </Field>
      <Field
        id="sso-client-secret"
        label="Client secret"
        error={byField.clientSecret}
        hint={
          settings?.clientSecretSet
            ? 'A secret is stored. Leave empty to keep it; type a new one to replace it.'
            : 'Stored sealed; never shown again.'
        }
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
      <Field
        id="sso-domains"
        label="Email domains"
        error={byField.emailDomains}
        hint="Separated by commas, like example.org, example.com."
      >
        <input
          id="sso-domains"
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          aria-invalid={!!byField.emailDomains}
        />
      </Field>
      <h2>Groups and roles</h2>
      <p className="muted">
        An account created at its first sign-in gets the staff roles of the provider’s groups (the “groups” claim) it is
        in. Existing accounts keep their roles.
      </p>
      {byField.roleMappings && (
        <p className="field-error" role="alert">
          {byField.roleMappings}
        </p>
      )}
      {mappings.map((m, i) => (
        <fieldset key={m.key} className="sso-mapping checks">
          <legend>Mapping {i + 1}</legend>
          <Field id={`sso-group-${m.key}`} label="Group" error={mappingError(i)}>
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
              {label}
            </label>
          ))}
          <button
            type="button"
            onClick={() => setMappings((all) => all.filter((x) => x.key !== m.key))}
            aria-label={`Remove mapping ${i + 1}`}
          >
            Remove
          </button>
        </fieldset>
      ))}
      <p>
        <button type="button" onClick={() => setMappings((all) => [...all, { key: nextKey++, group: '', roles: [] }])}>
          Add a mapping
        </button>
      </p>
      <div className="checks">
        <label>
          <input type="checkbox" checked={passwordAllowed} onChange={(e) => setPasswordAllowed(e.target.checked)} />{' '}
          Staff of this organisation may also sign in with a password
        </label>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking the provider…' : 'Save'}
        </button>
        {settings && (
          <button type="button" onClick={() => void removeAll()}>
            Remove single sign-on
          </button>
        )}
      </div>
    </form>
  );
}
