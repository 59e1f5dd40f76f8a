/**
 * Invitations (ADMIN, PROGRAMME_ADMIN): invite one person, or a whole file checked first (every row with its
 * problem, nothing sent), then send the good rows; the invitations sent, with their status, revocable. A list of
 * lines, not a table, so it reads on a phone.
 */
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  Empty,
  Field,
  FormErrors,
  Pager,
  QueryState,
  fieldErrors,
  hasAnyRole,
  nodesOf,
  useAuth,
  usePager,
  type FieldError,
} from '@tandem/ui';
import { formatDate } from '../i18n/locale';
import { graphql, type ResultOf } from '@tandem/ui/graphql';

const E = `errors { field code message }`;
const ChoicesQuery = graphql(`
  query InvitationChoices {
    programmes(first: 50) {
      edges {
        node {
          id
          name
          organizations {
            id
          }
        }
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
const InvitationsQuery = graphql(`
  query Invitations($after: String) {
    invitations(first: 20, after: $after) {
      edges {
        node {
          id
          email
          displayName
          role
          status
          createdAt
          expiresAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
const Row = `line email displayName role problems { field code message }`;
const PreviewQuery = graphql(`
  query InvitationPreview($input: InvitationBatchInput!) {
    invitationPreview(input: $input) {
      ready
      refused
      rows { ${Row} }
      ${E}
    }
  }
`);
const SendMutation = graphql(`
  mutation SendInvitations($input: InvitationBatchInput!) {
    sendInvitations(input: $input) {
      sent
      refusedRows { ${Row} }
      ${E}
    }
  }
`);
const InviteMutation = graphql(`
  mutation InviteOne($input: InviteInput!) {
    invite(input: $input) {
      sent
      ${E}
    }
  }
`);
const RevokeMutation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      revoked
      ${E}
    }
  }
`);

type Choices = ResultOf<typeof ChoicesQuery>;
type Preview = ResultOf<typeof PreviewQuery>['invitationPreview'];
type RowCheck = Preview['rows'][number];
type Role = 'MENTEE' | 'MENTOR' | 'COACH' | 'PROGRAMME_ADMIN' | 'ANALYST' | 'ADMIN';

const ROLE_LABEL: Record<Role, string> = {
  MENTEE: 'Mentee',
  MENTOR: 'Mentor',
  COACH: 'Coach',
  PROGRAMME_ADMIN: 'Programme admin',
  ANALYST: 'Analyst',
  ADMIN: 'Admin',
};
const COLUMN: Record<string, string> = {
  email: 'Email',
  name: 'Name',
  role: 'Role',
  programme: 'Programme',
  organisation: 'Organisation',
};

export function InvitationsPage() {
  const { session } = useAuth();
  const admin = hasAnyRole(session, ['ADMIN']);
  // a coach (not also a programme admin) invites into the programmes their organisation runs
  const coachOnly = !hasAnyRole(session, ['ADMIN', 'PROGRAMME_ADMIN']);
  const ownOrganisation = session?.user.organizationId ?? null;
  const roles: Role[] = admin
    ? ['MENTEE', 'MENTOR', 'COACH', 'PROGRAMME_ADMIN', 'ANALYST', 'ADMIN']
    : ['MENTEE', 'MENTOR'];
  const [choices] = useQuery({ query: ChoicesQuery });
  const [listKey, setListKey] = useState(0);
  const refresh = () => setListKey((k) => k + 1);
  return (
    <section>
      <h1>Invitations</h1>
      <p className="muted">
        Invite people instead of asking them to register: each gets an email with a link that makes their account,{' '}
        {admin ? 'in a staff role or ' : ''}as a mentee or mentor of a programme
        {coachOnly ? ' your organisation runs; you see the invitations you sent' : ''}.
      </p>
      <QueryState {...choices}>
        {(all) => {
          const c: Choices = coachOnly
            ? {
                ...all,
                programmes: {
                  ...all.programmes,
                  edges: all.programmes.edges.filter((e) => e.node.organizations.some((o) => o.id === ownOrganisation)),
                },
              }
            : all;
          return (
            <>
              <InviteOne choices={c} roles={roles} onSent={refresh} />
              <InviteFile choices={c} onSent={refresh} />
            </>
          );
        }}
      </QueryState>
      <InvitationList key={listKey} />
    </section>
  );
}

function ProgrammeAndOrganisation({
  choices,
  programmeId,
  organizationId,
  onProgramme,
  onOrganisation,
  idPrefix,
  errors,
}: {
  choices: Choices;
  programmeId: string;
  organizationId: string;
  onProgramme?: (id: string) => void;
  onOrganisation?: (id: string) => void;
  idPrefix: string;
  errors: Record<string, string | undefined>;
}) {
  return (
    <>
      {onProgramme && (
        <Field id={`${idPrefix}-programme`} label="Programme (for mentees and mentors)" error={errors.programme}>
          <select id={`${idPrefix}-programme`} value={programmeId} onChange={(e) => onProgramme(e.target.value)}>
            <option value="">—</option>
            {nodesOf(choices.programmes).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {onOrganisation && (
        <Field id={`${idPrefix}-organisation`} label="Organisation (for coaches)" error={errors.organisation}>
          <select
            id={`${idPrefix}-organisation`}
            value={organizationId}
            onChange={(e) => onOrganisation(e.target.value)}
          >
            <option value="">—</option>
            {nodesOf(choices.organizationsConnection).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}

function InviteOne({ choices, roles, onSent }: { choices: Choices; roles: Role[]; onSent: () => void }) {
  const [, invite] = useMutation(InviteMutation);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('MENTEE');
  const [programmeId, setProgrammeId] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sentTo, setSentTo] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSentTo(null);
    const participant = role === 'MENTEE' || role === 'MENTOR';
    const res = await invite({
      input: {
        email,
        displayName: name,
        role,
        programmeId: participant ? programmeId || null : null,
        organizationId: role === 'COACH' ? organizationId || null : null,
      },
    });
    const payload = res.data?.invite;
    const errs = payload
      ? [...payload.errors]
      : [{ field: 'input', code: 'ERROR', message: res.error?.message ?? 'Not sent.' }];
    setErrors(errs);
    if (!errs.length) {
      setSentTo(email);
      setEmail('');
      setName('');
      onSent();
    }
  }
  const { byField, other } = fieldErrors(errors, [
    'input.email',
    'input.displayName',
    'input.role',
    'input.programmeId',
    'input.organizationId',
  ]);
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="invite-one-title">
      <h2 id="invite-one-title">Invite one person</h2>
      {sentTo && (
        <p className="state state-success" role="status">
          Invitation sent to {sentTo}.
        </p>
      )}
      <FormErrors messages={other} />
      <Field id="invite-email" label="Email" error={byField['input.email']}>
        <input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field id="invite-name" label="Name" error={byField['input.displayName']}>
        <input id="invite-name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field id="invite-role" label="Role" error={byField['input.role']}>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
      </Field>
      <ProgrammeAndOrganisation
        choices={choices}
        idPrefix="invite"
        programmeId={programmeId}
        organizationId={organizationId}
        onProgramme={role === 'MENTEE' || role === 'MENTOR' ? setProgrammeId : undefined}
        onOrganisation={role === 'COACH' ? setOrganizationId : undefined}
        errors={{ programme: byField['input.programmeId'], organisation: byField['input.organizationId'] }}
      />
      <button type="submit" className="primary">
        Send the invitation
      </button>
    </form>
  );
}

function Problems({ rows }: { rows: readonly RowCheck[] }) {
  return (
    <ul className="lines">
      {rows.map((r) => (
        <li key={r.line}>
          <strong>Line {r.line}</strong> {r.email ? `(${r.email})` : ''}:{' '}
          {r.problems.map((p) => `${COLUMN[p.field] ?? p.field}: ${p.message}`).join(' ')}
        </li>
      ))}
    </ul>
  );
}

function InviteFile({ choices, onSent }: { choices: Choices; onSent: () => void }) {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [programmeId, setProgrammeId] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [checked, setChecked] = useState<{ csv: string; programmeId: string; organizationId: string } | null>(null);
  const [preview] = useQuery({
    query: PreviewQuery,
    variables: {
      input: {
        csv: checked?.csv ?? '',
        programmeId: checked?.programmeId || null,
        organizationId: checked?.organizationId || null,
      },
    },
    pause: !checked,
    requestPolicy: 'network-only',
  });
  const [, send] = useMutation(SendMutation);
  const [result, setResult] = useState<{ sent: number; refused: number } | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);

  async function read(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setCsv(await file.text());
    setChecked(null);
    setResult(null);
  }
  function check(event: FormEvent) {
    event.preventDefault();
    setResult(null);
    setChecked({ csv, programmeId, organizationId });
  }
  async function sendAll() {
    if (!checked) return;
    const res = await send({
      input: {
        csv: checked.csv,
        programmeId: checked.programmeId || null,
        organizationId: checked.organizationId || null,
      },
    });
    const payload = res.data?.sendInvitations;
    const errs = payload
      ? [...payload.errors]
      : [{ field: 'input', code: 'ERROR', message: res.error?.message ?? 'Not sent.' }];
    setErrors(errs);
    if (payload && !errs.length) {
      setResult({ sent: payload.sent, refused: payload.refusedRows.length });
      setChecked(null);
      onSent();
    }
  }
  const p = checked ? preview.data?.invitationPreview : undefined;
  const problems = p?.rows.filter((r) => r.problems.length) ?? [];
  return (
    <form className="card" onSubmit={check} noValidate aria-labelledby="invite-file-title">
      <h2 id="invite-file-title">Invite from a file</h2>
      <p className="muted">
        A CSV file whose first row names the columns <code>email</code>, <code>name</code> and <code>role</code>{' '}
        (mentee, mentor, coach, programme admin, analyst or admin), and <code>organisation</code> for coaches. Nothing
        is sent until you have checked it.
      </p>
      <Field id="invite-file" label="CSV file">
        <input id="invite-file" type="file" accept=".csv,text/csv" onChange={(e) => void read(e)} />
      </Field>
      {fileName && (
        <p className="muted">
          {fileName}: {csv.split(/\r?\n/).filter((l) => l.trim()).length - 1} rows.
        </p>
      )}
      <ProgrammeAndOrganisation
        choices={choices}
        idPrefix="file"
        programmeId={programmeId}
        organizationId={organizationId}
        onProgramme={setProgrammeId}
        onOrganisation={setOrganizationId}
        errors={{}}
      />
      <button type="submit" disabled={!csv}>
        Check the file
      </button>
      {result && (
        <p className="state state-success" role="status">
          {result.sent} invitations sent{result.refused ? `; ${result.refused} rows left out` : ''}.
        </p>
      )}
      {checked && preview.fetching && <p className="state">Checking…</p>}
      {p && (
        <div role="status" aria-live="polite">
          <FormErrors messages={[...p.errors, ...errors].map((e) => e.message)} />
          {!p.errors.length && (
            <>
              <p>
                <strong>{p.ready}</strong> ready to send, <strong>{p.refused}</strong> with a problem
                {p.refused ? ' (left out if you send):' : '.'}
              </p>
              {problems.length > 0 && <Problems rows={problems} />}
              {p.ready > 0 && (
                <button type="button" className="primary" onClick={() => void sendAll()}>
                  Send {p.ready} invitations
                </button>
              )}
            </>
          )}
        </div>
      )}
    </form>
  );
}

function InvitationList() {
  const pager = usePager();
  const [result, retry] = useQuery({ query: InvitationsQuery, variables: { after: pager.after } });
  const [, revoke] = useMutation(RevokeMutation);
  async function revokeIt(id: string) {
    await revoke({ id });
    retry({ requestPolicy: 'network-only' });
  }
  return (
    <section className="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Sent</h2>
      <QueryState {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {(d) =>
          d.invitations.edges.length ? (
            <>
              <ul className="lines">
                {nodesOf(d.invitations).map((i) => (
                  <li key={i.id}>
                    <strong>{i.displayName}</strong> {i.email} · {ROLE_LABEL[i.role as Role] ?? i.role} ·{' '}
                    <span className={`badge badge-${i.status.toLowerCase()}`}>{i.status.toLowerCase()}</span> · sent{' '}
                    {formatDate(i.createdAt)}
                    {i.status === 'PENDING' && (
                      <>
                        {' '}
                        <button
                          type="button"
                          onClick={() => void revokeIt(i.id)}
                          aria-label={`Revoke the invitation to ${i.email}`}
                        >
                          Revoke
                        </button>
                      </>
                    )}
                  </li>
                ))}
              </ul>
              <Pager
                pager={pager}
                hasNextPage={d.invitations.pageInfo.hasNextPage}
                endCursor={d.invitations.pageInfo.endCursor}
              />
            </>
          ) : (
            <Empty>No invitation yet.</Empty>
          )
        }
      </QueryState>
    </section>
  );
}
