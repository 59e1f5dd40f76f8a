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
  formatDate,
  fieldErrors,
  nodesOf,
  usePager,
  type FieldError,
} from '@tandem/ui';
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
const label = (r: string) => r.replace(/_/g, ' ').toLowerCase();

/** The export's columns: the list's, with the email only where the reader may see it (null otherwise). */
const USER_COLUMNS: ExportColumn<Person>[] = [
  { header: 'User id', value: (u) => u.id },
  { header: 'Name', value: (u) => u.displayName },
  { header: 'Email', value: (u) => u.contact?.email },
  { header: 'Organisation', value: (u) => u.organization?.name },
  { header: 'Roles', value: (u) => (u.roles ?? []).map(label).join(', ') },
  { header: 'Joined at', value: (u) => u.createdAt, kind: 'instant' },
];

export function UsersPage() {
  const { session } = useAuth();
  const isAdmin = !!session?.user.roles?.includes('ADMIN');
  const pager = usePager();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number] | ''>('');
  const [organizationId, setOrganizationId] = useState('');
  const client = useClient();
  const filter = { search: search || null, role: role || null, organizationId: organizationId || null };
  const [result, reexecute] = useQuery({ query: UsersQuery, variables: { ...filter, after: pager.after, first: 20 } });
  return (
    <section>
      <h1>Users</h1>
      {!isAdmin && <p className="muted">Only admins can grant or revoke staff roles.</p>}
      <div className="filters">
        <Field id="u-search" label="Search">
          <input
            id="u-search"
            type="search"
            value={search}
            placeholder="Name or email"
            onChange={(e) => {
              setSearch(e.target.value);
              pager.reset();
            }}
          />
        </Field>
        <Field id="u-role" label="Role">
          <select
            id="u-role"
            value={role}
            onChange={(e) => {
              setRole(e.target.value as typeof role);
              pager.reset();
            }}
          >
            <option value="">Any role</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="u-org" label="Organisation">
          <select
            id="u-org"
            value={organizationId}
            onChange={(e) => {
              setOrganizationId(e.target.value);
              pager.reset();
            }}
          >
            <option value="">Any organisation</option>
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
          what="people"
          columns={USER_COLUMNS}
          rows={() => fetchAllPages(client, UsersQuery, { ...filter, after: null, first: 100 }, (d) => d.users)}
        />
      </div>
      <QueryState {...result} retry={() => reexecute({ requestPolicy: 'network-only' })}>
        {(data) =>
          data.users.edges.length === 0 ? (
            <Empty>No one matches.</Empty>
          ) : (
            <>
              <div className="table-scroll" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Person</th>
                      <th scope="col">Organisation</th>
                      <th scope="col">Roles</th>
                      <th scope="col">Joined</th>
                      {isAdmin && <th scope="col">Staff roles</th>}
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
  const name = u.displayName ?? 'Someone';
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
          message: res.error?.graphQLErrors[0]?.message ?? 'The roles could not be changed.',
        },
      ]);
    setErrors([...out.errors]);
    if (out.errors.length === 0) setDone(`${label(role)} granted to ${name}.`);
  }
  async function remove(r: string) {
    setDone(null);
    const res = await revoke({ input: { userId: person.id, roles: [r as StaffRole] } });
    const out = res.data?.revokeRoles;
    if (!out)
      return setErrors([
        { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? 'The role could not be revoked.' },
      ]);
    setErrors([...out.errors]);
    if (out.errors.length === 0) setDone(`${label(r)} revoked from ${name}.`);
  }
  const { byField, other } = fieldErrors(errors, ['roles', 'organizationId']);
  const held = (person.roles ?? []).filter((r) => (STAFF as readonly string[]).includes(r));
  return (
    <form onSubmit={submit} noValidate aria-label={`Staff roles of ${name}`}>
      <FormErrors messages={other} />
      {done && (
        <p className="state state-success" role="status">
          {done}
        </p>
      )}
      {held.map((r) => (
        <button key={r} type="button" className="link" onClick={() => void remove(r)}>
          Revoke {label(r)} from {name}
        </button>
      ))}
      <div className="filters">
        <Field id={`${prefix}-role`} label="Role to grant" error={byField.roles}>
          <select id={`${prefix}-role`} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {STAFF.map((r) => (
              <option key={r} value={r}>
                {label(r)}
              </option>
            ))}
          </select>
        </Field>
        {role === 'COACH' && (
          <Field id={`${prefix}-org`} label="Organisation" error={byField.organizationId}>
            <select
              id={`${prefix}-org`}
              value={organizationId}
              onChange={(e) => setOrganizationId(e.target.value)}
              aria-invalid={!!byField.organizationId}
            >
              <option value="">Choose…</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <button type="submit" disabled={grantState.fetching}>
          Grant to {name}
        </button>
      </div>
    </form>
  );
}
