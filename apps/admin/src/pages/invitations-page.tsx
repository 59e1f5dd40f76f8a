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
import { formatDate, useT, type MessageId } from '../i18n/locale';
import { useStatusLabel } from '../status-badge';
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

const ROLE_LABEL: Record<Role, MessageId> = {
  MENTEE: 'invites.role.MENTEE',
  MENTOR: 'invites.role.MENTOR',
  COACH: 'invites.role.COACH',
  PROGRAMME_ADMIN: 'invites.role.PROGRAMME_ADMIN',
  ANALYST: 'invites.role.ANALYST',
  ADMIN: 'invites.role.ADMIN',
};
/** The file's columns (their names stay as the file writes them: email, name, role, programme, organisation). */
const COLUMN: Record<string, MessageId> = {
  email: 'common.email',
  name: 'common.name',
  role: 'users.role',
  programme: 'common.programme',
  organisation: 'rel.organisation',
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
  const t = useT();
  const [listKey, setListKey] = useState(0);
  const refresh = () => setListKey((k) => k + 1);
  return (
    <section>
      <h1>{t('nav.invitations')}</h1>
      <p className="muted">{t(admin ? 'invites.leadAdmin' : coachOnly ? 'invites.leadCoach' : 'invites.lead')}</p>
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
  const t = useT();
  return (
    <>
      {onProgramme && (
        <Field id={`${idPrefix}-programme`} label={t('invites.programme')} error={errors.programme}>
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
        <Field id={`${idPrefix}-organisation`} label={t('invites.organisation')} error={errors.organisation}>
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
  const t = useT();
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
      : [{ field: 'input', code: 'ERROR', message: res.error?.message ?? t('invites.notSent') }];
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
      <h2 id="invite-one-title">{t('invites.one')}</h2>
      {sentTo && (
        <p className="state state-success" role="status">
          {t('invites.sentTo', { email: sentTo })}
        </p>
      )}
      <FormErrors messages={other} />
      <Field id="invite-email" label={t('common.email')} error={byField['input.email']}>
        <input id="invite-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      </Field>
      <Field id="invite-name" label={t('common.name')} error={byField['input.displayName']}>
        <input id="invite-name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field id="invite-role" label={t('users.role')} error={byField['input.role']}>
        <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABEL[r])}
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
        {t('invites.send')}
      </button>
    </form>
  );
}

function Problems({ rows }: { rows: readonly RowCheck[] }) {
  const t = useT();
  return (
    <ul className="lines">
      {rows.map((r) => (
        <li key={r.line}>
          <strong>{t('invites.line', { line: r.line })}</strong> {r.email ? `(${r.email})` : ''}
          {t('common.labelled', { label: '' })}{' '}
          {r.problems
            .map((p) =>
              t('rel.rating', { question: COLUMN[p.field] ? t(COLUMN[p.field]) : p.field, rating: p.message }),
            )
            .join(' ')}
        </li>
      ))}
    </ul>
  );
}

function InviteFile({ choices, onSent }: { choices: Choices; onSent: () => void }) {
  const t = useT();
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
      : [{ field: 'input', code: 'ERROR', message: res.error?.message ?? t('invites.notSent') }];
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
      <h2 id="invite-file-title">{t('invites.file')}</h2>
      <p className="muted">{t('invites.fileLead')}</p>
      <Field id="invite-file" label={t('invites.csv')}>
        <input id="invite-file" type="file" accept=".csv,text/csv" onChange={(e) => void read(e)} />
      </Field>
      {fileName && (
        <p className="muted">
          {t('invites.rows', { file: fileName, count: csv.split(/\r?\n/).filter((l) => l.trim()).length - 1 })}
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
        {t('invites.check')}
      </button>
      {result && (
        <p className="state state-success" role="status">
          {t(result.refused ? 'invites.resultRefused' : 'invites.result', {
            sent: result.sent,
            refused: result.refused,
          })}
        </p>
      )}
      {checked && preview.fetching && <p className="state">{t('twoStep.busy')}</p>}
      {p && (
        <div role="status" aria-live="polite">
          <FormErrors messages={[...p.errors, ...errors].map((e) => e.message)} />
          {!p.errors.length && (
            <>
              <p>
                {t(p.refused ? 'invites.previewRefused' : 'invites.preview', { ready: p.ready, refused: p.refused })}
              </p>
              {problems.length > 0 && <Problems rows={problems} />}
              {p.ready > 0 && (
                <button type="button" className="primary" onClick={() => void sendAll()}>
                  {t('invites.sendAll', { count: p.ready })}
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
  const t = useT();
  const statusLabel = useStatusLabel();
  async function revokeIt(id: string) {
    await revoke({ id });
    retry({ requestPolicy: 'network-only' });
  }
  return (
    <section className="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{t('invites.sent')}</h2>
      <QueryState {...result} retry={() => retry({ requestPolicy: 'network-only' })}>
        {(d) =>
          d.invitations.edges.length ? (
            <>
              <ul className="lines">
                {nodesOf(d.invitations).map((i) => (
                  <li key={i.id}>
                    <strong>{i.displayName}</strong> {i.email} ·{' '}
                    {ROLE_LABEL[i.role as Role] ? t(ROLE_LABEL[i.role as Role]) : i.role} ·{' '}
                    <span className={`badge badge-${i.status.toLowerCase()}`}>{statusLabel(i.status)}</span> ·{' '}
                    {t('invites.sentOn', { date: formatDate(i.createdAt) })}
                    {i.status === 'PENDING' && (
                      <>
                        {' '}
                        <button
                          type="button"
                          onClick={() => void revokeIt(i.id)}
                          aria-label={t('invites.revokeLabel', { email: i.email })}
                        >
                          {t('invites.revoke')}
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
            <Empty>{t('invites.none')}</Empty>
          )
        }
      </QueryState>
    </section>
  );
}
