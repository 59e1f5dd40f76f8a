/** Users: search people; admins grant or revoke staff roles (a coach needs an organisation). */
import { useState, type FormEvent } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import {
  useAuth,
  Empty,
  Field,
  FormErrors,
  Pager,
  QueryState,
  fieldErrors,
  nodesOf,
  usePager,
  type FieldError,
} from '@tandem/ui';
import { formatDate, useT, type MessageId } from '../i18n/locale';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { ExportMenu, fetchAllPages } from '../export/export-menu';
import type { ExportColumn } from '../export/table-export';

const UsersQuery = graphql(`
  query Users($search: String, $role: Role, $organizationId: ID, $after: String, $first: Int) {
    users(search: $search, role: $role, organizationId: $organizationId, first: $first, after: $after) {
      edges {
        node {
          id
          displayName
          roles
          createdAt
          contact {
            email
          }
          organization {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    organizationsConnection(first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const GrantMutation = graphql(`
  mutation GrantRoles($input: ChangeRolesInput!) {
    grantRoles(input: $input) {
      errors {
        field
        code
        message
      }
      user {
        id
        roles
        organization {
          id
          name
        }
      }
    }
  }
`);

const RevokeMutation = graphql(`
  mutation RevokeRoles($input: ChangeRolesInput!) {
    revokeRoles(input: $input) {
      errors {
        field
        code
        message
      }
      user {
        id
        roles
      }
    }
  }
`);

type Person = ResultOf<typeof UsersQuery>['users']['edges'][number]['node'];
type Org = ResultOf<typeof UsersQuery>['organizationsConnection']['edges'][number]['node'];
const ROLES = ['MENTEE', 'MENTOR', 'COACH', 'PROGRAMME_ADMIN', 'ANALYST', 'ADMIN'] as const;
const STAFF = ['COACH', 'PROGRAMME_ADMIN', 'ANALYST', 'ADMIN'] as const;
type StaffRole = (typeof STAFF)[number];
/** A role in words, in the language in use (a role the app does not know yet: its code in lower-case words). */
function useRoleLabel() {
  const t = useT();
  return (r: string) =>
    (ROLES as readonly string[]).includes(r) ? t(`role.${r}` as MessageId) : r.replace(/_/g, ' ').toLowerCase();
}

/** The export's columns: the list's, with the email only where the reader may see it (null otherwise). */
const userColumns = (t: ReturnType<typeof useT>, label: (role: string) => string): ExportColumn<Person>[] => [
  { header: t('col.userId'), value: (u) => u.id },
  { header: t('common.name'), value: (u) => u.displayName },
  { header: t('common.email'), value: (u) => u.contact?.email },
  { header: t('col.organisation'), value: (u) => u.organization?.name },
  { header: t('users.roles'), value: (u) => (u.roles ?? []).map(label).join(', ') },
  { header: t('col.joinedAt'), value: (u) => u.createdAt, kind: 'instant' },
];

export function UsersPage() {
  const { session } = useAuth();
  const isAdmin = !!session?.user.roles?.includes('ADMIN');
  const pager = usePager();
  const t = useT();
  const label = useRoleLabel();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number] | ''>('');
  const [organizationId, setOrganizationId] = useState('');
  const client = useClient();
  const filter = { search: search || null, role: role || null, organizationId: organizationId || null };
  const [result, reexecute] = useQuery({ query: UsersQuery, variables: { ...filter, after: pager.after, first: 20 } });
  return (
    <section>
      <h1>{t('nav.users')}</h1>
      {!isAdmin && <p className="muted">{t('users.onlyAdmins')}</p>}
      <div className="filters">
        <Field id="u-search" label={t('users.search')}>
          <input
            id="u-search"
            type="search"
            value={search}
            placeholder={t('match.nameOrEmail')}
            onChange={(e) => {
              setSearch(e.target.value);
              pager.reset();
            }}
          />
        </Field>
        <Field id="u-role" label={t('users.role')}>
          <select
            id="u-role"
            value={role}
            onChange={(e) => {
              setRole(e.target.value as typeof role);
              pager.reset();
            }}
          >
            <option value="">{t('users.anyRole')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="u-org" label={t('rel.organisation')}>
          <select
            id="u-org"
            value={organizationId}
            onChange={(e) => {
              setOrganizationId(e.target.value);
              pager.reset();
            }}
          >
            <option value="">{t('users.anyOrganisation')}</option>
            {nodesOf(result.data?.organizationsConnection).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <ExportMenu
          list="USERS"
          filters={filter}
          name="participants"
          what={t('export.what.people')}
          columns={userColumns(t, label)}
          rows={() => fetchAllPages(client, UsersQuery, { ...filter, after: null, first: 100 }, (d) => d.users)}
        />
      </div>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.users.edges.length === 0 ? (
            <Empty>{t('users.none')}</Empty>
          ) : (
            <>
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('users.person')}</th>
                      <th scope="col">{t('rel.organisation')}</th>
                      <th scope="col">{t('users.roles')}</th>
                      <th scope="col">{t('users.joined')}</th>
                      {isAdmin && <th scope="col">{t('users.staffRoles')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {data.users.edges.map(({ node }) => (
                      <UserRow
                        key={node.id}
                        person={node}
                        organizations={nodesOf(data.organizationsConnection)}
                        isAdmin={isAdmin}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                pager={pager}
                hasNextPage={data.users.pageInfo.hasNextPage}
                endCursor={data.users.pageInfo.endCursor}
              />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function UserRow({ person: u, organizations, isAdmin }: { person: Person; organizations: Org[]; isAdmin: boolean }) {
  const t = useT();
  const label = useRoleLabel();
  const name = u.displayName ?? t('thread.someone');
  return (
    <tr>
      <td>
        {name}
        <div className="muted">{u.contact?.email ?? ''}</div>
      </td>
      <td>{u.organization?.name ?? '—'}</td>
      <td>{(u.roles ?? []).map(label).join(', ')}</td>
      <td>{formatDate(u.createdAt)}</td>
      {isAdmin && (
        <td>
          <RolesForm person={u} name={name} organizations={organizations} />
        </td>
      )}
    </tr>
  );
}

function RolesForm({ person, name, organizations }: { person: Person; name: string; organizations: Org[] }) {
  const t = useT();
  const label = useRoleLabel();
  const [role, setRole] = useState<StaffRole>('COACH');
  const [organizationId, setOrganizationId] = useState(person.organization?.id ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [grantState, grant] = useMutation(GrantMutation);
  const [, revoke] = useMutation(RevokeMutation);
  const prefix = `roles-${person.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const res = await grant({ input: { userId: person.id, roles: [role], organizationId: organizationId || null } });
    const out = res.data?.grantRoles;
    if (!out)
      return setErrors([
        {
          field: '',
          code: 'ERROR',
          message: res.error?.graphQLErrors[0]?.message ?? t('users.grantFailed'),
        },
      ]);
    setErrors([...out.errors]);
    if (out.errors.length === 0) setDone(t('users.granted', { role: label(role), name }));
  }
  async function remove(r: string) {
    setDone(null);
    const res = await revoke({ input: { userId: person.id, roles: [r as StaffRole] } });
    const out = res.data?.revokeRoles;
    if (!out)
      return setErrors([
        { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('users.revokeFailed') },
      ]);
    setErrors([...out.errors]);
    if (out.errors.length === 0) setDone(t('users.revoked', { role: label(r), name }));
  }
  const { byField, other } = fieldErrors(errors, ['roles', 'organizationId']);
  const held = (person.roles ?? []).filter((r) => (STAFF as readonly string[]).includes(r));
  return (
    <form onSubmit={submit} noValidate aria-label={t('users.staffRolesOf', { name })}>
      <FormErrors messages={other} />
      {done && (
        <p className="state state-success" role="status">
          {done}
        </p>
      )}
      {held.map((r) => (
        <button key={r} type="button" className="link" onClick={() => void remove(r)}>
          {t('users.revoke', { role: label(r), name })}
        </button>
      ))}
      <div className="filters">
        <Field id={`${prefix}-role`} label={t('users.roleToGrant')} error={byField.roles}>
          <select id={`${prefix}-role`} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {STAFF.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        </Field>
        {role === 'COACH' && (
          <Field id={`${prefix}-org`} label={t('rel.organisation')} error={byField.organizationId}>
            <select
              id={`${prefix}-org`}
              value={organizationId}
              onChange={(e) => setOrganizationId(e.target.value)}
              aria-invalid={!!byField.organizationId}
            >
              <option value="">{t('users.choose')}</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <button type="submit" disabled={grantState.fetching}>
          {t('users.grant', { name })}
        </button>
      </div>
    </form>
  );
}
