/**
 * One relationship's workspace for a partner: the partner's contact details, progress against the
 * programme's terms, the agreement (draft, read, sign each version), SMART goals, the meeting log (log,
 * confirm what the other logged; what counts and why not) and messages between the two.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { useIntl } from 'react-intl';
import { Field, FormErrors, fieldErrors, nodesOf, type FieldError } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../i18n/locale';
import { Badge, Page, Query, enumKey, outcomeErrors, splitList } from '../ui';
import { ActionPlanSection } from './relationship/action-plan-section';
import { ClosingSection } from './relationship/closing-section';
import { MeetingDispute } from './relationship/meeting-dispute';

const RelationshipQuery = graphql(`
  query WebRelationship($id: ID!) {
    me {
      id
    }
    relationship(id: $id) {
      id
      status
      startedOn
      plannedEndOn
      programmeName
      viewerRole
      terms {
        targetHours
        durationWeeks
        minMeetings
        hoursOrMeetings
        requireSignedAgreement
        maxMeetingMinutes
      }
      progress {
        confirmedHours
        confirmedMeetings
        notCountingMeetings
        awaitingConfirmation
        termsMet
        achievedShare
        expectedHours
        daysLeft
        pace
      }
      mentor {
        id
        displayName
        contact {
          email
          phone
        }
      }
      mentee {
        id
        displayName
        contact {
          email
          phone
        }
      }
      agreement {
        id
        fullySigned
        current {
          version
          topGoals
          meetingPlace
          meetingTime
          meetingLengthMinutes
          meetingFrequency
          initiator
          confidentiality
          durationWeeks
          menteeSignedAt
          mentorSignedAt
        }
      }
      goalsConnection(first: 50) {
        edges {
          node {
            id
            title
            specific
            measure
            target
            dueOn
            status
          }
        }
      }
      meetingsConnection(first: 50) {
        edges {
          node {
            id
            occurredOn
            startTime
            durationMinutes
            mode
            topics
            homework
            status
            loggedBy {
              id
            }
            counts
            notCountingReason
            auditLocked
          }
        }
      }
      messages(first: 20) {
        edges {
          node {
            id
            body
            sentAt
            author {
              id
              displayName
            }
          }
        }
      }
    }
  }
`);

const E = `errors { field code message }`;
const DraftAgreementMutation = graphql(`
  mutation WebDraftAgreement($relationshipId: ID!, $input: AgreementInput!) {
    draftAgreement(relationshipId: $relationshipId, input: $input) {
      agreement {
        id
      }
      ${E}
    }
  }
`);
const SignAgreementMutation = graphql(`
  mutation WebSignAgreement($relationshipId: ID!, $version: Int!) {
    signAgreement(relationshipId: $relationshipId, version: $version) {
      agreement {
        id
        fullySigned
      }
      ${E}
    }
  }
`);
const CreateGoalMutation = graphql(`
  mutation WebCreateGoal($relationshipId: ID!, $input: SmartGoalInput!) {
    createGoal(relationshipId: $relationshipId, input: $input) {
      goal {
        id
      }
      ${E}
    }
  }
`);
const LogMeetingMutation = graphql(`
  mutation WebLogMeeting($relationshipId: ID!, $input: MeetingInput!) {
    logMeeting(relationshipId: $relationshipId, input: $input) {
      meeting {
        id
      }
      ${E}
    }
  }
`);
const ConfirmMeetingMutation = graphql(`
  mutation WebConfirmMeeting($meetingId: ID!) {
    confirmMeeting(meetingId: $meetingId) {
      meeting {
        id
        status
      }
      ${E}
    }
  }
`);
const SendMessageMutation = graphql(`
  mutation WebSendMessage($relationshipId: ID!, $body: String!) {
    sendMessage(relationshipId: $relationshipId, body: $body) {
      message {
        id
      }
      ${E}
    }
  }
`);

type Relationship = ResultOf<typeof RelationshipQuery>['relationship'];

export function RelationshipPage() {
  const { id = '' } = useParams();
  const t = useT();
  const [result, retry] = useQuery({ query: RelationshipQuery, variables: { id } });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  return (
    <Query {...result} retry={refresh}>
      {({ relationship: r, me }) => {
        const partner = r.viewerRole === 'MENTOR' ? r.mentee : r.mentor;
        return (
          <Page
            title={t(r.viewerRole === 'MENTOR' ? 'home.withMentee' : 'home.withMentor', {
              name: partner.displayName ?? '',
            })}
            lead={
              <>
                {r.programmeName} · <Badge tone={r.status}>{t(enumKey('relationship', r.status))}</Badge>
              </>
            }
          >
            <nav className="jump" aria-label={t('rel.sections')}>
              <a href="#contact">{t('rel.contact')}</a>
              <a href="#progress">{t('rel.progress')}</a>
              <a href="#agreement">{t('rel.agreement')}</a>
              <a href="#action-plan">{t('plan.title')}</a>
              <a href="#goals">{t('rel.goals')}</a>
              <a href="#meetings">{t('rel.meetings')}</a>
              <a href="#messages">{t('rel.messages')}</a>
              <a href="#closing">{t('closing.jump')}</a>
            </nav>
            <Contact r={r} />
            <Progress r={r} />
            <AgreementSection r={r} onChange={refresh} />
            <ActionPlanSection relationshipId={r.id} />
            <Goals r={r} onChange={refresh} />
            <Meetings r={r} me={me.id} onChange={refresh} />
            <Messages r={r} me={me.id} onChange={refresh} />
            <ClosingSection relationshipId={r.id} onChange={refresh} />
          </Page>
        );
      }}
    </Query>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="card" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Contact({ r }: { r: Relationship }) {
  const t = useT();
  const partner = r.viewerRole === 'MENTOR' ? r.mentee : r.mentor;
  return (
    <Section id="contact" title={t('rel.contact')}>
      <dl className="facts">
        <dt>{t(r.viewerRole === 'MENTOR' ? 'rel.yourMentee' : 'rel.yourMentor')}</dt>
        <dd>{partner.displayName}</dd>
        {partner.contact && (
          <>
            <dt>{t('field.email')}</dt>
            <dd>
              <a href={`mailto:${partner.contact.email}`}>{partner.contact.email}</a>
            </dd>
            {partner.contact.phone && (
              <>
                <dt>{t('field.phone')}</dt>
                <dd>
                  <a href={`tel:${partner.contact.phone}`}>{partner.contact.phone}</a>
                </dd>
              </>
            )}
          </>
        )}
      </dl>
      <p className="muted">{t('rel.coachMissing')}</p>
    </Section>
  );
}

function Progress({ r }: { r: Relationship }) {
  const t = useT();
  const formatDate = useFormatDate();
  const p = r.progress;
  const percent = Math.round(p.achievedShare * 100);
  return (
    <Section id="progress" title={t('rel.progress')}>
      <div
        className="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={t('rel.progressLabel')}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <p>
        {t('rel.progressLine', {
          hours: p.confirmedHours,
          target: r.terms.targetHours,
          meetings: p.confirmedMeetings,
          minMeetings: r.terms.minMeetings,
        })}
      </p>
      <p className="muted">
        {t(r.terms.hoursOrMeetings ? 'programmes.termsOr' : 'programmes.termsAnd', {
          hours: r.terms.targetHours,
          meetings: r.terms.minMeetings,
          weeks: r.terms.durationWeeks,
        })}{' '}
        {r.plannedEndOn && t('rel.endsOn', { date: formatDate(r.plannedEndOn) })}
      </p>
      {p.pace && <Badge tone={p.pace}>{t(enumKey('pace', p.pace))}</Badge>}
      {p.termsMet && <p className="state state-success">{t('rel.termsMet')}</p>}
      {p.awaitingConfirmation > 0 && <p>{t('home.awaiting', { count: p.awaitingConfirmation })}</p>}
      {p.notCountingMeetings > 0 && (
        <p className="state state-info">{t('rel.notCounting', { count: p.notCountingMeetings })}</p>
      )}
    </Section>
  );
}

function AgreementSection({ r, onChange }: { r: Relationship; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, sign] = useMutation(SignAgreementMutation);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [editing, setEditing] = useState(false);
  const current = r.agreement?.current;
  const mySignature = current && (r.viewerRole === 'MENTOR' ? current.mentorSignedAt : current.menteeSignedAt);
  async function signIt() {
    if (!current) return;
    const res = await sign({ relationshipId: r.id, version: current.version });
    const errs = outcomeErrors(res, res.data?.signAgreement.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  return (
    <Section id="agreement" title={t('rel.agreement')}>
      {current && !editing ? (
        <>
          <p>
            <Badge tone={r.agreement?.fullySigned ? 'active' : 'pending'}>
              {t(r.agreement?.fullySigned ? 'agreement.signed' : 'agreement.awaiting')}
            </Badge>{' '}
            <span className="muted">{t('agreement.version', { version: current.version })}</span>
          </p>
          <dl className="facts">
            <dt>{t('agreement.topGoals')}</dt>
            <dd>
              <ul className="plain">
                {current.topGoals.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
            </dd>
            <dt>{t('agreement.where')}</dt>
            <dd>{current.meetingPlace}</dd>
            <dt>{t('agreement.when')}</dt>
            <dd>
              {t('agreement.schedule', {
                time: current.meetingTime,
                minutes: current.meetingLengthMinutes,
                frequency: current.meetingFrequency,
              })}
            </dd>
            <dt>{t('agreement.initiator')}</dt>
            <dd>{t(enumKey('initiator', current.initiator))}</dd>
            <dt>{t('agreement.confidentiality')}</dt>
            <dd>{t(enumKey('confidentiality', current.confidentiality))}</dd>
            <dt>{t('agreement.duration')}</dt>
            <dd>{t('agreement.weeks', { count: current.durationWeeks })}</dd>
            <dt>{t('agreement.menteeSigned')}</dt>
            <dd>{current.menteeSignedAt ? formatDate(current.menteeSignedAt) : t('agreement.notYet')}</dd>
            <dt>{t('agreement.mentorSigned')}</dt>
            <dd>{current.mentorSignedAt ? formatDate(current.mentorSignedAt) : t('agreement.notYet')}</dd>
          </dl>
          <FormErrors messages={errors.map((e) => e.message)} />
          <div className="actions">
            {!mySignature && (
              <button type="button" className="primary" onClick={() => void signIt()}>
                {t('agreement.sign', { version: current.version })}
              </button>
            )}
            <button type="button" onClick={() => setEditing(true)}>
              {t('agreement.newVersion')}
            </button>
          </div>
        </>
      ) : (
        <AgreementForm
          r={r}
          onDone={() => {
            setEditing(false);
            onChange();
          }}
          onCancel={current ? () => setEditing(false) : undefined}
        />
      )}
    </Section>
  );
}

function AgreementForm({ r, onDone, onCancel }: { r: Relationship; onDone: () => void; onCancel?: () => void }) {
  const t = useT();
  const c = r.agreement?.current;
  const [, draft] = useMutation(DraftAgreementMutation);
  const [topGoals, setTopGoals] = useState((c?.topGoals ?? []).join('\n'));
  const [place, setPlace] = useState(c?.meetingPlace ?? '');
  const [time, setTime] = useState(c?.meetingTime ?? '');
  const [length, setLength] = useState(String(c?.meetingLengthMinutes ?? 60));
  const [frequency, setFrequency] = useState(c?.meetingFrequency ?? '');
  const [initiator, setInitiator] = useState<'MENTEE' | 'MENTOR' | 'EITHER'>(c?.initiator ?? 'EITHER');
  const [confidentiality, setConfidentiality] = useState<'STAYS_BETWEEN_US' | 'STAYS_BETWEEN_US_UNLESS_PERMISSION'>(
    c?.confidentiality ?? 'STAYS_BETWEEN_US',
  );
  const [weeks, setWeeks] = useState(String(c?.durationWeeks ?? r.terms.durationWeeks));
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await draft({
      relationshipId: r.id,
      input: {
        topGoals: splitList(topGoals),
        meetingPlace: place,
        meetingTime: time,
        meetingLengthMinutes: Number(length) || 0,
        meetingFrequency: frequency,
        initiator,
        confidentiality,
        durationWeeks: Number(weeks) || 0,
      },
    });
    const errs = outcomeErrors(res, res.data?.draftAgreement.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onDone();
  }
  const { byField, other } = fieldErrors(errors, [
    'topGoals',
    'meetingPlace',
    'meetingTime',
    'meetingLengthMinutes',
    'meetingFrequency',
    'durationWeeks',
  ]);
  return (
    <form onSubmit={submit} noValidate aria-label={t('agreement.draft')}>
      <p className="muted">{t('agreement.draftHint')}</p>
      <FormErrors messages={other} />
      <Field id="ag-goals" label={t('agreement.topGoals')} error={byField.topGoals}>
        <textarea
          id="ag-goals"
          rows={3}
          value={topGoals}
          onChange={(e) => setTopGoals(e.target.value)}
          aria-describedby="ag-goals-hint"
        />
        <small className="hint" id="ag-goals-hint">
          {t('profile.goalsHint')}
        </small>
      </Field>
      <Field id="ag-place" label={t('agreement.where')} error={byField.meetingPlace}>
        <input id="ag-place" value={place} onChange={(e) => setPlace(e.target.value)} />
      </Field>
      <Field id="ag-time" label={t('agreement.time')} error={byField.meetingTime}>
        <input id="ag-time" value={time} onChange={(e) => setTime(e.target.value)} />
      </Field>
      <div className="two">
        <Field id="ag-length" label={t('agreement.length')} error={byField.meetingLengthMinutes}>
          <input
            id="ag-length"
            type="number"
            inputMode="numeric"
            value={length}
            onChange={(e) => setLength(e.target.value)}
          />
        </Field>
        <Field id="ag-weeks" label={t('agreement.duration')} error={byField.durationWeeks}>
          <input
            id="ag-weeks"
            type="number"
            inputMode="numeric"
            value={weeks}
            onChange={(e) => setWeeks(e.target.value)}
          />
        </Field>
      </div>
      <Field id="ag-frequency" label={t('agreement.frequency')} error={byField.meetingFrequency}>
        <input id="ag-frequency" value={frequency} onChange={(e) => setFrequency(e.target.value)} />
      </Field>
      <Field id="ag-initiator" label={t('agreement.initiator')}>
        <select id="ag-initiator" value={initiator} onChange={(e) => setInitiator(e.target.value as typeof initiator)}>
          {(['EITHER', 'MENTEE', 'MENTOR'] as const).map((v) => (
            <option key={v} value={v}>
              {t(enumKey('initiator', v))}
            </option>
          ))}
        </select>
      </Field>
      <Field id="ag-conf" label={t('agreement.confidentiality')}>
        <select
          id="ag-conf"
          value={confidentiality}
          onChange={(e) => setConfidentiality(e.target.value as typeof confidentiality)}
        >
          {(['STAYS_BETWEEN_US', 'STAYS_BETWEEN_US_UNLESS_PERMISSION'] as const).map((v) => (
            <option key={v} value={v}>
              {t(enumKey('confidentiality', v))}
            </option>
          ))}
        </select>
      </Field>
      <div className="actions">
        <button type="submit" className="primary">
          {t('agreement.save')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function Goals({ r, onChange }: { r: Relationship; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, create] = useMutation(CreateGoalMutation);
  const [open, setOpen] = useState(false);
  const [goal, setGoal] = useState({
    title: '',
    specific: '',
    measure: '',
    target: '',
    attainable: '',
    relevant: '',
    dueOn: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await create({ relationshipId: r.id, input: { ...goal, dueOn: goal.dueOn || null } });
    const errs = outcomeErrors(res, res.data?.createGoal.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setOpen(false);
      setGoal({ title: '', specific: '', measure: '', target: '', attainable: '', relevant: '', dueOn: '' });
      onChange();
    }
  }
  const parts = ['title', 'specific', 'measure', 'target', 'attainable', 'relevant'] as const;
  const { byField, other } = fieldErrors(errors, [...parts, 'dueOn']);
  return (
    <Section id="goals" title={t('rel.goals')}>
      {r.goalsConnection.edges.length ? (
        <ul className="list">
          {nodesOf(r.goalsConnection).map((g) => (
            <li key={g.id} className="item">
              <div className="result-head">
                <h3>
                  <Link to={`/relationships/${r.id}/goals/${g.id}`}>{g.title}</Link>
                </h3>
                <Badge tone={g.status === 'OPEN' ? 'pending' : g.status}>{t(enumKey('goal', g.status))}</Badge>
              </div>
              <p>{g.specific}</p>
              <p className="muted">
                {t('goal.measureLine', { measure: g.measure, target: g.target, date: formatDate(g.dueOn) })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="state state-empty">{t('goal.none')}</p>
      )}
      {open ? (
        <form onSubmit={submit} noValidate aria-label={t('goal.new')}>
          <p className="muted">{t('goal.smartHint')}</p>
          <FormErrors messages={other} />
          {parts.map((part) => (
            <Field key={part} id={`goal-${part}`} label={t(enumKey('goal.field', part))} error={byField[part]}>
              <input
                id={`goal-${part}`}
                value={goal[part]}
                onChange={(e) => setGoal((g) => ({ ...g, [part]: e.target.value }))}
                aria-invalid={!!byField[part]}
                aria-describedby={byField[part] ? `goal-${part}-error` : undefined}
              />
            </Field>
          ))}
          <Field id="goal-dueOn" label={t('goal.field.dueOn')} error={byField.dueOn}>
            <input
              id="goal-dueOn"
              type="date"
              value={goal.dueOn}
              onChange={(e) => setGoal((g) => ({ ...g, dueOn: e.target.value }))}
            />
          </Field>
          <div className="actions">
            <button type="submit" className="primary">
              {t('goal.save')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        r.status === 'ACTIVE' && (
          <div className="actions">
            <button type="button" onClick={() => setOpen(true)}>
              {t('goal.new')}
            </button>
          </div>
        )
      )}
    </Section>
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function today(): string {
  return localDay(new Date());
}

/**
 * The form's default start: an hour ago, on the quarter hour, but not before today's midnight (a meeting is
 * logged once it has ended, and a relationship that started today has no meeting yesterday).
 */
function recentStart(): { occurredOn: string; startTime: string } {
  const now = new Date();
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const start = new Date(Math.max(midnight.getTime(), now.getTime() - 60 * 60_000));
  start.setMinutes(Math.floor(start.getMinutes() / 15) * 15, 0, 0);
  return { occurredOn: localDay(start), startTime: `${pad(start.getHours())}:${pad(start.getMinutes())}` };
}

function Meetings({ r, me, onChange }: { r: Relationship; me: string; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const intl = useIntl();
  const [, log] = useMutation(LogMeetingMutation);
  const [, confirm] = useMutation(ConfirmMeetingMutation);
  const [open, setOpen] = useState(false);
  const [m, setM] = useState({
    ...recentStart(),
    durationMinutes: '60',
    mode: 'VIDEO',
    topics: '',
    homework: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await log({
      relationshipId: r.id,
      input: {
        occurredOn: m.occurredOn,
        startTime: m.startTime,
        durationMinutes: Number(m.durationMinutes) || 0,
        // the date and time are the person's local ones: the server checks the meeting has ended in this zone
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        mode: m.mode as 'VIDEO',
        topics: splitList(m.topics),
        homework: m.homework || null,
      },
    });
    const errs = outcomeErrors(res, res.data?.logMeeting.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setOpen(false);
      setM((x) => ({ ...x, topics: '', homework: '' }));
      onChange();
    }
  }
  async function confirmIt(meetingId: string) {
    const res = await confirm({ meetingId });
    const errs = outcomeErrors(res, res.data?.confirmMeeting.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  const { byField, other } = fieldErrors(errors, [
    'occurredOn',
    'startTime',
    'durationMinutes',
    'mode',
    'topics',
    'homework',
  ]);
  const shown = nodesOf(r.meetingsConnection).filter((x) => x.status !== 'SUPERSEDED');
  return (
    <Section id="meetings" title={t('rel.meetings')}>
      {!open && <FormErrors messages={errors.map((e) => e.message)} />}
      {shown.length ? (
        <ul className="list">
          {shown.map((x) => (
            <li
              key={x.id}
              className="item"
              id={`meeting-${x.id}`}
              aria-labelledby={`meeting-${x.id}-title`}
              tabIndex={-1}
            >
              <div className="result-head">
                <h3 id={`meeting-${x.id}-title`}>
                  {t('meeting.title', {
                    date: formatDate(x.occurredOn),
                    hours: intl.formatNumber(x.durationMinutes / 60, { maximumFractionDigits: 2 }),
                  })}
                </h3>
                <Badge tone={x.status}>{t(enumKey('meeting', x.status))}</Badge>
              </div>
              <p className="muted">
                {t(enumKey('mode', x.mode))} · {x.startTime}
              </p>
              <p>{t('meeting.topicsLine', { topics: intl.formatList(x.topics) })}</p>
              {x.homework && <p>{t('meeting.homeworkLine', { homework: x.homework })}</p>}
              <p className={x.counts ? 'good' : 'muted'}>
                {x.counts ? t('meeting.counts') : (x.notCountingReason ?? t('meeting.countsOnceConfirmed'))}
              </p>
              {x.auditLocked && <p className="muted">{t('meeting.auditLocked')}</p>}
              {x.status === 'AWAITING_CONFIRMATION' && x.loggedBy.id !== me && !x.auditLocked && (
                <div className="actions">
                  <button type="button" className="primary" onClick={() => void confirmIt(x.id)}>
                    {t('meeting.confirm')}
                    <span className="visually-hidden">: {formatDate(x.occurredOn)}</span>
                  </button>
                  <MeetingDispute meetingId={x.id} label={formatDate(x.occurredOn)} onChange={onChange} />
                </div>
              )}
              {x.status === 'AWAITING_CONFIRMATION' && x.loggedBy.id === me && (
                <p className="muted">{t('meeting.waitingOther')}</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="state state-empty">{t('meeting.none')}</p>
      )}
      {open ? (
        <form onSubmit={submit} noValidate aria-label={t('meeting.log')}>
          <FormErrors messages={other} />
          <div className="two">
            <Field id="mt-date" label={t('meeting.date')} error={byField.occurredOn}>
              <input
                id="mt-date"
                type="date"
                max={today()}
                value={m.occurredOn}
                onChange={(e) => setM((x) => ({ ...x, occurredOn: e.target.value }))}
              />
            </Field>
            <Field id="mt-time" label={t('meeting.start')} error={byField.startTime}>
              <input
                id="mt-time"
                type="time"
                value={m.startTime}
                onChange={(e) => setM((x) => ({ ...x, startTime: e.target.value }))}
              />
            </Field>
          </div>
          <div className="two">
            <Field id="mt-duration" label={t('meeting.minutes')} error={byField.durationMinutes}>
              <input
                id="mt-duration"
                type="number"
                inputMode="numeric"
                min={5}
                max={r.terms.maxMeetingMinutes}
                value={m.durationMinutes}
                onChange={(e) => setM((x) => ({ ...x, durationMinutes: e.target.value }))}
              />
            </Field>
            <Field id="mt-mode" label={t('meeting.mode')} error={byField.mode}>
              <select id="mt-mode" value={m.mode} onChange={(e) => setM((x) => ({ ...x, mode: e.target.value }))}>
                {(['VIDEO', 'IN_PERSON', 'PHONE'] as const).map((mode) => (
                  <option key={mode} value={mode}>
                    {t(enumKey('mode', mode))}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field id="mt-topics" label={t('meeting.topics')} error={byField.topics}>
            <input
              id="mt-topics"
              value={m.topics}
              onChange={(e) => setM((x) => ({ ...x, topics: e.target.value }))}
              aria-describedby="mt-topics-hint"
            />
            <small className="hint" id="mt-topics-hint">
              {t('profile.listHint')}
            </small>
          </Field>
          <Field id="mt-homework" label={t('meeting.homework')} error={byField.homework}>
            <input
              id="mt-homework"
              value={m.homework}
              onChange={(e) => setM((x) => ({ ...x, homework: e.target.value }))}
            />
          </Field>
          <div className="actions">
            <button type="submit" className="primary">
              {t('meeting.save')}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        r.status === 'ACTIVE' && (
          <div className="actions">
            <button type="button" onClick={() => setOpen(true)}>
              {t('meeting.log')}
            </button>
          </div>
        )
      )}
    </Section>
  );
}

function Messages({ r, me, onChange }: { r: Relationship; me: string; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, send] = useMutation(SendMessageMutation);
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  // newest first from the API; a conversation reads oldest first
  const messages = nodesOf(r.messages).reverse();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    const res = await send({ relationshipId: r.id, body });
    const errs = outcomeErrors(res, res.data?.sendMessage.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setBody('');
      onChange();
    }
  }
  return (
    <Section id="messages" title={t('rel.messages')}>
      {messages.length ? (
        <ol className="thread">
          {messages.map((m) => (
            <li key={m.id} className={m.author.id === me ? 'mine' : undefined}>
              <strong>{m.author.displayName}</strong> <span className="muted">{formatDate(m.sentAt, true)}</span>
              <p>{m.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="state state-empty">{t('message.none')}</p>
      )}
      <form onSubmit={submit} className="inline-form">
        <FormErrors messages={errors.map((e) => e.message)} />
        <Field id="msg-body" label={t('message.write')}>
          <textarea id="msg-body" rows={2} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <button type="submit" className="primary" disabled={!body.trim()}>
          {t('message.send')}
        </button>
      </form>
    </Section>
  );
}
