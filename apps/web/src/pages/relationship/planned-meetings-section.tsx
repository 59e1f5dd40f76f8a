/**
 * Meetings planned ahead (issue 20): "Plan a meeting" (date and time in the reader's own zone, named; duration;
 * place or video link; agenda with goals of the relationship), the upcoming plans shown in the reader's zone with
 * accept / decline / another time for the partner awaited, reschedule / cancel for either, and "Add to calendar"
 * (an iCalendar file with one UID per plan and its SEQUENCE, so a calendar replaces the event on each change).
 */
import ical, { ICalEventStatus } from 'ical-generator';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { useMutation, useQuery } from 'urql';
import { useSearchParams } from 'react-router';
import { Field, FormErrors, fieldErrors, nodesOf, type FieldError, DateInput } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useT } from '../../i18n/locale';
import { Badge, Query, enumKey, outcomeErrors, saveBlob, splitList } from '../../ui';
import { Section } from './section';

const PLAN = `id status startsAt endsAt durationMinutes timeZone mode place videoUrl agenda sequence reason fromSchedule
  proposedBy { id } awaitingResponseFrom { id } closedBy { id } goals { id title }`;
const E = `errors { field code message }`;

const PlannedMeetingsQuery = graphql(`
  query WebPlannedMeetings($id: ID!) {
    me {
      id
      timeZone
    }
    relationship(id: $id) {
      id
      status
      goalsConnection(first: 50) {
        edges {
          node {
            id
            title
          }
        }
      }
      plannedMeetings(first: 20) {
        edges {
          node {
            ${PLAN}
          }
        }
      }
      pastPlans: plannedMeetings(past: true, first: 10) {
        edges {
          node {
            ${PLAN}
            notHeld
            meeting {
              id
            }
          }
        }
      }
    }
  }
`);
const ProposeMutation = graphql(`
  mutation WebProposeMeeting($relationshipId: ID!, $input: MeetingPlanInput!) {
    proposeMeeting(relationshipId: $relationshipId, input: $input) {
      meetingPlan {
        id
      }
      ${E}
    }
  }
`);
const AcceptMutation = graphql(`
  mutation WebAcceptMeetingPlan($planId: ID!) {
    acceptMeetingPlan(planId: $planId) {
      meetingPlan {
        id
      }
      ${E}
    }
  }
`);
const DeclineMutation = graphql(`
  mutation WebDeclineMeetingPlan($planId: ID!, $reason: String!) {
    declineMeetingPlan(planId: $planId, reason: $reason) {
      meetingPlan {
        id
      }
      ${E}
    }
  }
`);
const CancelMutation = graphql(`
  mutation WebCancelMeetingPlan($planId: ID!, $reason: String!) {
    cancelMeetingPlan(planId: $planId, reason: $reason) {
      meetingPlan {
        id
      }
      ${E}
    }
  }
`);
const CounterMutation = graphql(`
  mutation WebProposeAnotherMeetingTime($planId: ID!, $input: MeetingPlanTimeInput!) {
    proposeAnotherMeetingTime(planId: $planId, input: $input) {
      meetingPlan {
        id
      }
      ${E}
    }
  }
`);
const RecordMutation = graphql(`
  mutation WebRecordPlannedMeeting($planId: ID!, $input: MeetingInput!) {
    recordPlannedMeeting(planId: $planId, input: $input) {
      meetingPlan {
        id
      }
      ${E}
    }
  }
`);
const RescheduleMutation = graphql(`
  mutation WebRescheduleMeetingPlan($planId: ID!, $input: MeetingPlanTimeInput!, $details: MeetingPlanChangeInput) {
    rescheduleMeetingPlan(planId: $planId, input: $input, details: $details) {
      meetingPlan {
        id
      }
      ${E}
    }
  }
`);

type Plan = NonNullable<
  ResultOf<typeof PlannedMeetingsQuery>['relationship']
>['plannedMeetings']['edges'][number]['node'];
type PastPlan = NonNullable<
  ResultOf<typeof PlannedMeetingsQuery>['relationship']
>['pastPlans']['edges'][number]['node'];

/** The iCalendar text of a plan: its id is the UID, its sequence the SEQUENCE; times in UTC. */
export function planCalendar(plan: Plan, title: string): string {
  const calendar = ical({ prodId: { company: 'Tandem', product: 'planned-meetings', language: 'EN' } });
  calendar.createEvent({
    id: `meeting-plan-${plan.id}@tandem`,
    sequence: plan.sequence,
    start: new Date(plan.startsAt),
    end: new Date(plan.endsAt),
    summary: title,
    location: plan.place ?? plan.videoUrl ?? undefined,
    url: plan.videoUrl ?? undefined,
    description: plan.agenda.join('\n') || undefined,
    status: plan.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

/** The reader's zone: the one they chose in Tandem, else their browser's. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A local date and HH:MM a few days ahead, on the hour (the form's default). */
function soon(): { startsOn: string; startTime: string } {
  const d = new Date(Date.now() + 3 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { startsOn: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, startTime: '17:00' };
}

export function PlannedMeetings({ relationshipId }: { relationshipId: string }) {
  const [result, retry] = useQuery({ query: PlannedMeetingsQuery, variables: { id: relationshipId } });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  return (
    <Query {...result} retry={refresh}>
      {({ me, relationship: r }) => (
        <PlannedMeetingsView
          me={me.id}
          zone={me.timeZone ?? browserZone()}
          relationshipId={r.id}
          active={r.status === 'ACTIVE'}
          goals={nodesOf(r.goalsConnection)}
          plans={nodesOf(r.plannedMeetings)}
          past={nodesOf(r.pastPlans)}
          onChange={refresh}
        />
      )}
    </Query>
  );
}

function PlannedMeetingsView(props: {
  me: string;
  zone: string;
  relationshipId: string;
  active: boolean;
  goals: Array<{ id: string; title: string }>;
  plans: Plan[];
  past: PastPlan[];
  onChange: () => void;
}) {
  const t = useT();
  // the accepted request's "Propose our first meeting" (`?plan=new#planned-meetings`) opens the form
  const [search] = useSearchParams();
  const [open, setOpen] = useState(() => search.get('plan') === 'new' && props.active);
  const past = props.past.filter((p) => p.status === 'ACCEPTED');
  return (
    <Section id="planned-meetings" title={t('planned.title')}>
      {props.plans.length ? (
        <ul className="list">
          {props.plans.map((p) => (
            <PlanItem
              key={p.id}
              plan={p}
              me={props.me}
              zone={props.zone}
              active={props.active}
              onChange={props.onChange}
            />
          ))}
        </ul>
      ) : (
        <p className="state state-empty">{t('planned.none')}</p>
      )}
      {past.length > 0 && (
        <>
          <h3>{t('planned.pastTitle')}</h3>
          <ul className="list">
            {past.map((p) => (
              <PastItem key={p.id} plan={p} zone={props.zone} onChange={props.onChange} />
            ))}
          </ul>
        </>
      )}
      {open ? (
        <PlanForm
          relationshipId={props.relationshipId}
          zone={props.zone}
          goals={props.goals}
          onDone={() => {
            setOpen(false);
            props.onChange();
          }}
          onCancel={() => setOpen(false)}
        />
      ) : (
        props.active && (
          <div className="actions">
            <button type="button" onClick={() => setOpen(true)}>
              {t('planned.plan')}
            </button>
          </div>
        )
      )}
    </Section>
  );
}

/** A plan's start in the reader's zone, the zone named. */
function useWhen() {
  const intl = useIntl();
  const t = useT();
  return (iso: string, zone: string) =>
    t('planned.when', {
      when: intl.formatDate(iso, { dateStyle: 'full', timeStyle: 'short', timeZone: zone } as never),
      zone,
    });
}

type Mode = null | 'DECLINE' | 'CANCEL' | 'COUNTER' | 'RESCHEDULE';

function PlanItem({
  plan: p,
  me,
  zone,
  active,
  onChange,
}: {
  plan: Plan;
  me: string;
  zone: string;
  active: boolean;
  onChange: () => void;
}) {
  const t = useT();
  const when = useWhen();
  const [, accept] = useMutation(AcceptMutation);
  const [mode, setMode] = useState<Mode>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const awaitingMe = p.status === 'AWAITING_RESPONSE' && p.awaitingResponseFrom?.id === me;
  const isOpen = p.status === 'AWAITING_RESPONSE' || p.status === 'ACCEPTED';
  const label = when(p.startsAt, zone);
  const done = () => {
    setMode(null);
    onChange();
  };
  async function acceptIt() {
    const res = await accept({ planId: p.id });
    const errs = outcomeErrors(res, res.data?.acceptMeetingPlan.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  const hidden = <span className="visually-hidden">: {label}</span>;
  return (
    <li className="item" id={`plan-${p.id}`} aria-labelledby={`plan-${p.id}-title`} tabIndex={-1}>
      <div className="result-head">
        <h3 id={`plan-${p.id}-title`}>{label}</h3>
        <Badge tone={p.status}>{t(enumKey('planned', p.status))}</Badge>
      </div>
      <p className="muted">
        {t(enumKey('mode', p.mode))} · {t('planned.minutesLine', { minutes: p.durationMinutes })}
        {p.place && <> · {p.place}</>}
        {p.videoUrl && (
          <>
            {' · '}
            <a href={p.videoUrl} target="_blank" rel="noreferrer">
              {t('planned.videoLink')}
            </a>
          </>
        )}
      </p>
      {p.fromSchedule && <p className="muted">{t('planned.fromSchedule')}</p>}
      {(p.agenda.length > 0 || p.goals.length > 0) && (
        <>
          <p>{t('planned.agenda')}</p>
          <ul>
            {p.agenda.map((a, i) => (
              <li key={`a${i}`}>{a}</li>
            ))}
            {p.goals.map((g) => (
              <li key={g.id}>{t('planned.goalItem', { goal: g.title })}</li>
            ))}
          </ul>
        </>
      )}
      {p.status === 'AWAITING_RESPONSE' && !awaitingMe && <p className="muted">{t('planned.waitingOther')}</p>}
      {p.reason && <p className="muted">{t('planned.reasonLine', { reason: p.reason })}</p>}
      <FormErrors messages={errors.map((e) => e.message)} />
      {mode === 'DECLINE' || mode === 'CANCEL' ? (
        <ReasonForm planId={p.id} cancel={mode === 'CANCEL'} onDone={done} onCancel={() => setMode(null)} />
      ) : mode === 'COUNTER' || mode === 'RESCHEDULE' ? (
        <TimeForm plan={p} zone={zone} counter={mode === 'COUNTER'} onDone={done} onCancel={() => setMode(null)} />
      ) : (
        <div className="actions">
          {active && awaitingMe && (
            <>
              <button type="button" className="primary" onClick={() => void acceptIt()}>
                {t('planned.accept')}
                {hidden}
              </button>
              <button type="button" onClick={() => setMode('COUNTER')}>
                {t('planned.anotherTime')}
                {hidden}
              </button>
              <button type="button" onClick={() => setMode('DECLINE')}>
                {t('planned.decline')}
                {hidden}
              </button>
            </>
          )}
          {active && isOpen && !awaitingMe && (
            <button type="button" onClick={() => setMode('RESCHEDULE')}>
              {t('planned.reschedule')}
              {hidden}
            </button>
          )}
          {isOpen && (
            <button type="button" onClick={() => setMode('CANCEL')}>
              {t('planned.cancel')}
              {hidden}
            </button>
          )}
          {(p.status === 'ACCEPTED' || p.status === 'CANCELLED') && (
            <button
              type="button"
              onClick={() =>
                saveBlob(
                  new Blob([planCalendar(p, t('planned.eventTitle'))], { type: 'text/calendar;charset=utf-8' }),
                  `meeting-${p.startsAt.slice(0, 10)}.ics`,
                )
              }
            >
              {t(p.status === 'CANCELLED' ? 'planned.updateCalendar' : 'planned.addToCalendar')}
              {hidden}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

type Times = { startsOn: string; startTime: string; durationMinutes: string };

/** Date, time (in the reader's zone, named) and duration. */
function TimeFields({
  prefix,
  zone,
  value,
  onChange,
  byField,
}: {
  prefix: string;
  zone: string;
  value: Times;
  onChange: (v: Times) => void;
  byField: Record<string, string | undefined>;
}) {
  const t = useT();
  return (
    <>
      <p className="muted" id={`${prefix}-zone`}>
        {t('planned.zoneHint', { zone })}
      </p>
      <div className="two">
        <Field id={`${prefix}-date`} label={t('meeting.date')} error={byField.startsOn}>
          <DateInput
            id={`${prefix}-date`}
            value={value.startsOn}
            onChange={(e) => onChange({ ...value, startsOn: e.target.value })}
          />
        </Field>
        <Field id={`${prefix}-time`} label={t('planned.startIn', { zone })} error={byField.startTime}>
          <input
            id={`${prefix}-time`}
            type="time"
            value={value.startTime}
            aria-describedby={`${prefix}-zone`}
            onChange={(e) => onChange({ ...value, startTime: e.target.value })}
          />
        </Field>
      </div>
      <Field id={`${prefix}-duration`} label={t('meeting.minutes')} error={byField.durationMinutes}>
        <input
          id={`${prefix}-duration`}
          type="number"
          inputMode="numeric"
          min={15}
          max={480}
          value={value.durationMinutes}
          onChange={(e) => onChange({ ...value, durationMinutes: e.target.value })}
        />
      </Field>
    </>
  );
}

const timesInput = (v: Times, zone: string) => ({
  startsOn: v.startsOn,
  startTime: v.startTime,
  durationMinutes: Number(v.durationMinutes) || 0,
  timeZone: zone,
});

function FormButtons({ submit, onCancel }: { submit: string; onCancel: () => void }): ReactNode {
  const t = useT();
  return (
    <div className="actions">
      <button type="submit" className="primary">
        {submit}
      </button>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

function PlanForm(props: {
  relationshipId: string;
  zone: string;
  goals: Array<{ id: string; title: string }>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [, propose] = useMutation(ProposeMutation);
  const [times, setTimes] = useState<Times>({ ...soon(), durationMinutes: '60' });
  const [m, setM] = useState({ mode: 'VIDEO', place: '', videoUrl: '', agenda: '', goalIds: [] as string[] });
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await propose({
      relationshipId: props.relationshipId,
      input: {
        ...timesInput(times, props.zone),
        mode: m.mode as 'VIDEO',
        place: m.place || null,
        videoUrl: m.videoUrl || null,
        agenda: agendaItems(m.agenda),
        goalIds: m.goalIds,
      },
    });
    const errs = outcomeErrors(res, res.data?.proposeMeeting.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) props.onDone();
  }
  const { byField, other } = fieldErrors(errors, [...PLAN_FIELDS, 'goalIds']);
  return (
    <form onSubmit={submit} noValidate aria-label={t('planned.plan')}>
      <FormErrors messages={[...other, ...(byField.timeZone ? [byField.timeZone] : [])]} />
      <TimeFields prefix="pl" zone={props.zone} value={times} onChange={setTimes} byField={byField} />
      <DetailFields prefix="pl" value={m} onChange={(d) => setM((x) => ({ ...x, ...d }))} byField={byField} />
      {props.goals.length > 0 && (
        <fieldset>
          <legend>{t('planned.goalsField')}</legend>
          {byField.goalIds && <p className="error">{byField.goalIds}</p>}
          {props.goals.map((g) => (
            <label key={g.id} className="check">
              <input
                type="checkbox"
                checked={m.goalIds.includes(g.id)}
                onChange={(e) =>
                  setM((x) => ({
                    ...x,
                    goalIds: e.target.checked ? [...x.goalIds, g.id] : x.goalIds.filter((id) => id !== g.id),
                  }))
                }
              />{' '}
              {g.title}
            </label>
          ))}
        </fieldset>
      )}
      <FormButtons submit={t('planned.propose')} onCancel={props.onCancel} />
    </form>
  );
}

/** The fields of a plan's times and details, which refusals name. */
const PLAN_FIELDS = ['startsOn', 'startTime', 'durationMinutes', 'timeZone', 'mode', 'place', 'videoUrl', 'agenda'];

/** How, where and the agenda of a plan (the proposal's and the reschedule's), with their refusals. */
type Details = { mode: string; place: string; videoUrl: string; agenda: string };

const agendaItems = (text: string) =>
  text
    .split('\n')
    .map((a) => a.trim())
    .filter(Boolean);

function DetailFields({
  prefix,
  value: m,
  onChange,
  byField,
}: {
  prefix: string;
  value: Details;
  onChange: (d: Partial<Details>) => void;
  byField: Record<string, string | undefined>;
}) {
  const t = useT();
  return (
    <>
      <Field id={`${prefix}-mode`} label={t('meeting.mode')} error={byField.mode}>
        <select id={`${prefix}-mode`} value={m.mode} onChange={(e) => onChange({ mode: e.target.value })}>
          {(['VIDEO', 'IN_PERSON', 'PHONE'] as const).map((mode) => (
            <option key={mode} value={mode}>
              {t(enumKey('mode', mode))}
            </option>
          ))}
        </select>
      </Field>
      {m.mode === 'VIDEO' ? (
        <Field id={`${prefix}-link`} label={t('planned.videoUrl')} error={byField.videoUrl}>
          <input
            id={`${prefix}-link`}
            type="url"
            inputMode="url"
            placeholder="https://"
            value={m.videoUrl}
            onChange={(e) => onChange({ videoUrl: e.target.value })}
          />
        </Field>
      ) : (
        <Field id={`${prefix}-place`} label={t('planned.place')} error={byField.place}>
          <input id={`${prefix}-place`} value={m.place} onChange={(e) => onChange({ place: e.target.value })} />
        </Field>
      )}
      <Field id={`${prefix}-agenda`} label={t('planned.agendaField')} error={byField.agenda}>
        <textarea
          id={`${prefix}-agenda`}
          rows={3}
          value={m.agenda}
          aria-describedby={`${prefix}-agenda-hint`}
          onChange={(e) => onChange({ agenda: e.target.value })}
        />
        <small className="hint" id={`${prefix}-agenda-hint`}>
          {t('planned.agendaHint')}
        </small>
      </Field>
    </>
  );
}

/** New times (another time, or a reschedule, which may also change how, where and the agenda: pre-filled). */
function TimeForm(props: { plan: Plan; zone: string; counter: boolean; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const [, counter] = useMutation(CounterMutation);
  const [, reschedule] = useMutation(RescheduleMutation);
  const [times, setTimes] = useState<Times>({ ...soon(), durationMinutes: '60' });
  const p = props.plan;
  const [m, setM] = useState<Details>({
    mode: p.mode,
    place: p.place ?? '',
    videoUrl: p.videoUrl ?? '',
    agenda: p.agenda.join('\n'),
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const vars = { planId: p.id, input: timesInput(times, props.zone) };
    // only what the form shows for the mode: a link for a video call, a place otherwise
    const video = m.mode === 'VIDEO';
    const details = {
      mode: m.mode as 'VIDEO',
      place: video ? null : m.place || null,
      videoUrl: video ? m.videoUrl || null : null,
      agenda: agendaItems(m.agenda),
    };
    const res = props.counter ? await counter(vars) : await reschedule({ ...vars, details });
    const data = res.data as
      | { proposeAnotherMeetingTime?: { errors: FieldError[] }; rescheduleMeetingPlan?: { errors: FieldError[] } }
      | undefined;
    const errs = outcomeErrors(
      res,
      (data?.proposeAnotherMeetingTime ?? data?.rescheduleMeetingPlan)?.errors,
      t('state.unreachable'),
    );
    setErrors(errs);
    if (!errs.length) props.onDone();
  }
  const { byField, other } = fieldErrors(errors, PLAN_FIELDS);
  const title = t(props.counter ? 'planned.anotherTime' : 'planned.reschedule');
  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <FormErrors messages={[...other, ...(byField.timeZone ? [byField.timeZone] : [])]} />
      <TimeFields prefix={`pt-${p.id}`} zone={props.zone} value={times} onChange={setTimes} byField={byField} />
      {!props.counter && (
        <DetailFields
          prefix={`pd-${p.id}`}
          value={m}
          onChange={(d) => setM((x) => ({ ...x, ...d }))}
          byField={byField}
        />
      )}
      <FormButtons submit={t('planned.sendTime')} onCancel={props.onCancel} />
    </form>
  );
}

function ReasonForm(props: { planId: string; cancel: boolean; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const [, decline] = useMutation(DeclineMutation);
  const [, cancel] = useMutation(CancelMutation);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const vars = { planId: props.planId, reason };
    const res = props.cancel ? await cancel(vars) : await decline(vars);
    const data = res.data as
      { cancelMeetingPlan?: { errors: FieldError[] }; declineMeetingPlan?: { errors: FieldError[] } } | undefined;
    const errs = outcomeErrors(
      res,
      (data?.cancelMeetingPlan ?? data?.declineMeetingPlan)?.errors,
      t('state.unreachable'),
    );
    setErrors(errs);
    if (!errs.length) props.onDone();
  }
  const { byField, other } = fieldErrors(errors, ['reason']);
  const id = `pr-${props.planId}`;
  return (
    <form onSubmit={submit} noValidate aria-label={t(props.cancel ? 'planned.cancel' : 'planned.decline')}>
      <FormErrors messages={other} />
      <Field id={id} label={t('planned.reason')} error={byField.reason}>
        <textarea id={id} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <FormButtons
        submit={t(props.cancel ? 'planned.cancelSubmit' : 'planned.declineSubmit')}
        onCancel={props.onCancel}
      />
    </form>
  );
}

/** The local date and HH:MM of an instant in a zone (to pre-fill the log from a plan). */
function wallClock(iso: string, timeZone: string): { occurredOn: string; startTime: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { occurredOn: `${get('year')}-${get('month')}-${get('day')}`, startTime: `${get('hour')}:${get('minute')}` };
}

/** An accepted plan whose end has passed: recorded, or "not held" with "Record this meeting". */
function PastItem({ plan: p, zone, onChange }: { plan: PastPlan; zone: string; onChange: () => void }) {
  const t = useT();
  const when = useWhen();
  // the record prompt's link (`?record=<plan>#plan-<plan>`) opens this plan's form
  const [search] = useSearchParams();
  const [open, setOpen] = useState(() => search.get('record') === p.id);
  const label = when(p.startsAt, zone);
  return (
    <li className="item" id={`plan-${p.id}`} aria-labelledby={`plan-${p.id}-title`} tabIndex={-1}>
      <div className="result-head">
        <h4 id={`plan-${p.id}-title`}>{label}</h4>
        <Badge tone={p.notHeld ? 'pending' : 'active'}>{t(p.notHeld ? 'planned.notHeld' : 'planned.recorded')}</Badge>
      </div>
      {p.notHeld && <p className="muted">{t('planned.notHeldHint')}</p>}
      {p.notHeld &&
        (open ? (
          <RecordForm plan={p} zone={zone} onDone={onChange} onCancel={() => setOpen(false)} />
        ) : (
          <div className="actions">
            <button type="button" className="primary" onClick={() => setOpen(true)}>
              {t('planned.record')}
              <span className="visually-hidden">: {label}</span>
            </button>
          </div>
        ))}
    </li>
  );
}

/** The meeting log's form, pre-filled from the plan (date and time in the reader's zone, length, how). */
function RecordForm(props: { plan: PastPlan; zone: string; onDone: () => void; onCancel: () => void }) {
  const t = useT();
  const [, record] = useMutation(RecordMutation);
  const [m, setM] = useState({
    ...wallClock(props.plan.startsAt, props.zone),
    durationMinutes: String(props.plan.durationMinutes),
    topics: props.plan.agenda.join(', '),
    homework: '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await record({
      planId: props.plan.id,
      input: {
        occurredOn: m.occurredOn,
        startTime: m.startTime,
        durationMinutes: Number(m.durationMinutes) || 0,
        timeZone: props.zone,
        mode: props.plan.mode,
        topics: splitList(m.topics),
        homework: m.homework || null,
      },
    });
    const errs = outcomeErrors(res, res.data?.recordPlannedMeeting.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) props.onDone();
  }
  const { byField, other } = fieldErrors(errors, ['occurredOn', 'startTime', 'durationMinutes', 'topics', 'homework']);
  const id = `rec-${props.plan.id}`;
  return (
    <form onSubmit={submit} noValidate aria-label={t('planned.record')}>
      <FormErrors messages={other} />
      <p className="muted">{t('planned.zoneHint', { zone: props.zone })}</p>
      <div className="two">
        <Field id={`${id}-date`} label={t('meeting.date')} error={byField.occurredOn}>
          <DateInput
            id={`${id}-date`}
            value={m.occurredOn}
            onChange={(e) => setM((x) => ({ ...x, occurredOn: e.target.value }))}
          />
        </Field>
        <Field id={`${id}-time`} label={t('meeting.start')} error={byField.startTime}>
          <input
            id={`${id}-time`}
            type="time"
            value={m.startTime}
            onChange={(e) => setM((x) => ({ ...x, startTime: e.target.value }))}
          />
        </Field>
      </div>
      <Field id={`${id}-minutes`} label={t('planned.actualMinutes')} error={byField.durationMinutes}>
        <input
          id={`${id}-minutes`}
          type="number"
          inputMode="numeric"
          value={m.durationMinutes}
          onChange={(e) => setM((x) => ({ ...x, durationMinutes: e.target.value }))}
        />
      </Field>
      <Field id={`${id}-topics`} label={t('meeting.topics')} error={byField.topics}>
        <input id={`${id}-topics`} value={m.topics} onChange={(e) => setM((x) => ({ ...x, topics: e.target.value }))} />
      </Field>
      <Field id={`${id}-homework`} label={t('meeting.homework')} error={byField.homework}>
        <input
          id={`${id}-homework`}
          value={m.homework}
          onChange={(e) => setM((x) => ({ ...x, homework: e.target.value }))}
        />
      </Field>
      <FormButtons submit={t('meeting.save')} onCancel={props.onCancel} />
    </form>
  );
}
