/**
 * Orientation: a programme's sessions (place or video link, time in its time zone), scheduling a new one, and
 * recording who attended once a session has started. Staff record anyone of the programme; a coach records
 * their organisation's people and the mentors and mentees of the matches they proposed.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { DateTime } from 'luxon';
import { Empty, Field, FormErrors, QueryState, fieldErrors, nodesOf, type FieldError } from '@tandem/ui';
import { useT, currentLocale } from '../i18n/locale';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { TrainingModules } from './training-section';

const OrientationProgrammesQuery = graphql(`
  query OrientationProgrammes {
    programmes(first: 100) {
      edges {
        node {
          id
          name
          requireOrientation
          requireMenteeOrientation
        }
      }
    }
  }
`);

const ProgrammeOrientationQuery = graphql(`
  query ProgrammeOrientation($id: ID!) {
    programme(id: $id) {
      id
      orientationSessionsConnection(first: 50) {
        edges {
          node {
            id
            startsAt
            location
            link
            timeZone
            attendeeCount
          }
        }
      }
      enrollmentsConnection(first: 100) {
        edges {
          node {
            id
            role
            user {
              id
              displayName
            }
          }
        }
      }
    }
    matchProposals(programmeId: $id, first: 50) {
      edges {
        node {
          id
          mentor {
            id
            displayName
          }
          mentee {
            id
            displayName
          }
        }
      }
    }
  }
`);

const CreateSessionMutation = graphql(`
  mutation CreateOrientationSession($input: OrientationSessionInput!) {
    createOrientationSession(input: $input) {
      errors {
        field
        code
        message
      }
      session {
        id
      }
    }
  }
`);

const RecordAttendanceMutation = graphql(`
  mutation RecordOrientationAttendance($sessionId: ID!, $userIds: [ID!]!) {
    recordOrientationAttendance(sessionId: $sessionId, userIds: $userIds) {
      errors {
        field
        code
        message
      }
      session {
        id
        attendeeCount
      }
    }
  }
`);

type Session = ResultOf<
  typeof ProgrammeOrientationQuery
>['programme']['orientationSessionsConnection']['edges'][number]['node'];
interface Candidate {
  id: string;
  name: string;
  role: string;
}

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const ZONES = Intl.supportedValuesOf('timeZone');

/** When a session starts, in its own time zone (or the reader's when it has none), with the zone named. */
export function sessionTime(startsAt: string, timeZone: string | null): string {
  return new Date(startsAt).toLocaleString(currentLocale(), {
    // dateStyle/timeStyle cannot be combined with timeZoneName: the parts one by one
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: timeZone ?? undefined,
    timeZoneName: 'short',
  });
}

export function OrientationPage() {
  const [result] = useQuery({ query: OrientationProgrammesQuery });
  // the caseload links here with the programme of someone whose orientation is outstanding
  const [params] = useSearchParams();
  const [programmeId, setProgrammeId] = useState(params.get('programme') ?? '');
  const t = useT();
  return (
    <section>
      <h1>{t('nav.orientation')}</h1>
      <p className="muted">{t('orient.lead')}</p>
      <QueryState {...result}>
        {(data) => {
          const programmes = nodesOf(data.programmes);
          const chosen = programmes.find((p) => p.id === programmeId);
          return (
            <>
              <Field id="orientation-programme" label={t('common.programme')}>
                <select id="orientation-programme" value={programmeId} onChange={(e) => setProgrammeId(e.target.value)}>
                  <option value="">{t('orient.choose')}</option>
                  {programmes.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </Field>
              {chosen && (
                <p className="muted">
                  {chosen.requireOrientation
                    ? chosen.requireMenteeOrientation
                      ? t('orient.requiredBoth')
                      : t('orient.requiredMentors')
                    : t('orient.optional')}
                </p>
              )}
              {chosen && <ProgrammeSessions key={chosen.id} programmeId={chosen.id} />}
              {chosen && <TrainingModules key={`training-${chosen.id}`} programmeId={chosen.id} />}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function ProgrammeSessions({ programmeId }: { programmeId: string }) {
  const [result, reexecute] = useQuery({ query: ProgrammeOrientationQuery, variables: { id: programmeId } });
  const refresh = () => reexecute({ requestPolicy: 'network-only' });
  const t = useT();
  return (
    <QueryState {...result} retry={refresh}>
      {(data) => {
        const sessions = nodesOf(data.programme.orientationSessionsConnection);
        const people = new Map<string, Candidate>();
        for (const e of nodesOf(data.programme.enrollmentsConnection))
          people.set(e.user.id, { id: e.user.id, name: e.user.displayName ?? t('common.participant'), role: e.role });
        for (const p of nodesOf(data.matchProposals)) {
          if (!people.has(p.mentor.id))
            people.set(p.mentor.id, {
              id: p.mentor.id,
              name: p.mentor.displayName ?? t('common.mentor'),
              role: 'MENTOR',
            });
          if (!people.has(p.mentee.id))
            people.set(p.mentee.id, {
              id: p.mentee.id,
              name: p.mentee.displayName ?? t('common.mentee'),
              role: 'MENTEE',
            });
        }
        const candidates = [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
        return (
          <>
            <NewSessionForm programmeId={programmeId} onCreated={refresh} />
            <h2>{t('orient.sessions')}</h2>
            {sessions.length === 0 ? (
              <Empty>{t('orient.noSessions')}</Empty>
            ) : (
              sessions.map((s) => <SessionCard key={s.id} session={s} candidates={candidates} />)
            )}
          </>
        );
      }}
    </QueryState>
  );
}

function NewSessionForm({ programmeId, onCreated }: { programmeId: string; onCreated: () => void }) {
  const t = useT();
  const [when, setWhen] = useState('');
  const [timeZone, setTimeZone] = useState(BROWSER_ZONE);
  const [location, setLocation] = useState('');
  const [link, setLink] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState('');
  const [state, create] = useMutation(CreateSessionMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone('');
    const zoneOk = ZONES.includes(timeZone) || timeZone === 'UTC';
    const startsAt = when && zoneOk ? DateTime.fromISO(when, { zone: timeZone }) : null;
    const local: FieldError[] = [
      ...(!when ? [{ field: 'input.startsAt', code: 'REQUIRED', message: t('orient.chooseWhen') }] : []),
      ...(!zoneOk ? [{ field: 'input.timeZone', code: 'INVALID_TIME_ZONE', message: t('orient.chooseZone') }] : []),
    ];
    if (local.length || !startsAt?.isValid) return setErrors(local);
    const res = await create({
      input: {
        programmeId,
        startsAt: startsAt.toUTC().toISO(),
        timeZone,
        location: location || null,
        link: link || null,
      },
    });
    const out = res.data?.createOrientationSession;
    if (!out) {
      setErrors([{ field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('orient.notSaved') }]);
      return;
    }
    setErrors([...out.errors]);
    if (out.errors.length === 0) {
      setDone(t('orient.scheduled'));
      setWhen('');
      setLocation('');
      setLink('');
      onCreated();
    }
  }

  const { byField, other } = fieldErrors(
    errors.map((e) => ({ ...e, field: e.field.replace(/^input\./, '') })),
    ['startsAt', 'timeZone', 'location', 'link'],
  );
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('orient.newLabel')}>
      <h2 style={{ marginTop: 0 }}>{t('orient.new')}</h2>
      <FormErrors messages={other} />
      {done && (
        <p className="state state-success" role="status">
          {done}
        </p>
      )}
      <div className="filters">
        <Field id="session-when" label={t('orient.when')} error={byField.startsAt}>
          <input
            id="session-when"
            type="datetime-local"
            value={when}
            onChange={(e) => setWhen(e.target.value)}
            aria-invalid={!!byField.startsAt}
          />
        </Field>
        <Field id="session-zone" label={t('orient.zone')} error={byField.timeZone}>
          <input
            id="session-zone"
            list="session-zones"
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            aria-invalid={!!byField.timeZone}
          />
          <datalist id="session-zones">
            {ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Field>
        <Field id="session-place" label={t('orient.place')} error={byField.location}>
          <input
            id="session-place"
            value={location}
            onChange={(e) => setLocation(e.target.value)}
            aria-invalid={!!byField.location}
          />
        </Field>
        <Field id="session-link" label={t('orient.link')} error={byField.link}>
          <input
            id="session-link"
            type="url"
            value={link}
            placeholder="https://"
            onChange={(e) => setLink(e.target.value)}
            aria-invalid={!!byField.link}
          />
        </Field>
      </div>
      <button type="submit" className="primary" disabled={state.fetching}>
        {t('orient.schedule')}
      </button>
    </form>
  );
}

function SessionCard({ session, candidates }: { session: Session; candidates: Candidate[] }) {
  const t = useT();
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState('');
  const [state, record] = useMutation(RecordAttendanceMutation);
  const started = new Date(session.startsAt).getTime() <= Date.now();
  const title = sessionTime(session.startsAt, session.timeZone);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone('');
    if (chosen.length === 0) return setErrors([{ field: 'userIds', code: 'REQUIRED', message: t('orient.tick') }]);
    const res = await record({ sessionId: session.id, userIds: chosen });
    const out = res.data?.recordOrientationAttendance;
    if (!out) {
      setErrors([
        { field: '', code: 'ERROR', message: res.error?.graphQLErrors[0]?.message ?? t('orient.notRecorded') },
      ]);
      return;
    }
    setErrors([...out.errors]);
    if (out.errors.length === 0) {
      setDone(t('orient.recorded', { count: chosen.length }));
      setChosen([]);
    }
  }

  const { byField, other } = fieldErrors(errors, ['userIds']);
  return (
    <article className="card" aria-label={t('orient.sessionOf', { title })}>
      <h3 style={{ marginTop: 0 }}>{title}</h3>
      <dl className="facts">
        <dt>{t('orient.where')}</dt>
        <dd>
          {session.location ?? ''}
          {session.location && session.link ? ' · ' : ''}
          {session.link && (
            <a href={session.link} target="_blank" rel="noreferrer">
              {t('orient.link')}
            </a>
          )}
        </dd>
        <dt>{t('orient.attended')}</dt>
        <dd>{session.attendeeCount}</dd>
      </dl>
      {!started ? (
        <p className="muted">{t('orient.notStarted')}</p>
      ) : candidates.length === 0 ? (
        <Empty>{t('orient.nobody')}</Empty>
      ) : (
        <form onSubmit={submit} noValidate aria-label={t('orient.attendanceOf', { title })}>
          <FormErrors messages={other} />
          {done && (
            <p className="state state-success" role="status">
              {done}
            </p>
          )}
          <fieldset className="checks">
            <legend>{t('orient.who')}</legend>
            {candidates.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  checked={chosen.includes(c.id)}
                  onChange={(e) =>
                    setChosen((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((i) => i !== c.id)))
                  }
                />{' '}
                {c.name} <span className="muted">({c.role === 'MENTOR' ? t('role.mentor') : t('role.mentee')})</span>
              </label>
            ))}
            {byField.userIds && (
              <span className="field-error" role="alert">
                {byField.userIds}
              </span>
            )}
          </fieldset>
          <button type="submit" className="primary" disabled={state.fetching}>
            {t('orient.record')}
          </button>
        </form>
      )}
    </article>
  );
}
