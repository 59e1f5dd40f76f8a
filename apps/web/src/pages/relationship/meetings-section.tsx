/** The meeting log: log a meeting, confirm what the other logged, what counts and why not. */
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useIntl } from 'react-intl';
import { Field, FormErrors, fieldErrors, nodesOf, type FieldError, DateInput } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { Badge, enumKey, outcomeErrors, splitList } from '../../ui';
import { MeetingDispute } from './meeting-dispute';
import { Section } from './section';
import type { Relationship } from './relationship-query';

const E = `errors { field code message }`;

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

export function Meetings({ r, me, onChange }: { r: Relationship; me: string; onChange: () => void }) {
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
              <DateInput
                id="mt-date"
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
