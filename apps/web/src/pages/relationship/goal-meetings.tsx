/**
 * The meetings that worked on a goal (oldest first), and, while a meeting awaits confirmation, linking it to the
 * goal: a partner picks it from the log; the goal is added to the goals the meeting already worked on.
 */
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { useIntl } from 'react-intl';
import { Field, FormErrors, type FieldError } from '@tandem/ui';
import { graphql } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { Badge, enumKey, outcomeErrors } from '../../ui';
import { Section } from './section';

const SetMeetingGoalsMutation = graphql(`
  mutation WebSetMeetingGoals($meetingId: ID!, $goalIds: [ID!]!) {
    setMeetingGoals(meetingId: $meetingId, goalIds: $goalIds) {
      meeting {
        id
      }
      errors {
        field
        code
        message
      }
    }
  }
`);

interface MeetingLine {
  id: string;
  occurredOn: string;
  startTime: string;
  status: string;
  topics: string[];
}

export function GoalMeetings({
  goalId,
  worked,
  linkable,
  open,
  onChange,
}: {
  goalId: string;
  /** the meetings that worked on the goal */
  worked: MeetingLine[];
  /** meetings awaiting confirmation, with the goals they already worked on */
  linkable: (MeetingLine & { goals: { id: string }[] })[];
  open: boolean;
  onChange: () => void;
}) {
  const t = useT();
  const formatDate = useFormatDate();
  const intl = useIntl();
  const [, setGoals] = useMutation(SetMeetingGoalsMutation);
  const candidates = linkable.filter((m) => !m.goals.some((g) => g.id === goalId));
  const [meetingId, setMeetingId] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const meeting = candidates.find((m) => m.id === meetingId);
    if (!meeting) {
      setErrors([{ field: 'meetingId', code: 'REQUIRED', message: t('goal.meetings.pick') }]);
      return;
    }
    const res = await setGoals({ meetingId, goalIds: [...meeting.goals.map((g) => g.id), goalId] });
    const errs = outcomeErrors(res, res.data?.setMeetingGoals.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setMeetingId('');
      onChange();
    }
  }
  const label = (m: MeetingLine) => `${formatDate(m.occurredOn)} ${m.startTime} · ${intl.formatList(m.topics)}`;
  return (
    <Section id="goal-meetings" title={t('goal.meetings')}>
      {worked.length ? (
        <ul className="list">
          {worked.map((m) => (
            <li key={m.id} className="item">
              <div className="result-head">
                <h3>{formatDate(m.occurredOn)}</h3>
                <Badge tone={m.status}>{t(enumKey('meeting', m.status))}</Badge>
              </div>
              <p>{t('meeting.topicsLine', { topics: intl.formatList(m.topics) })}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="state state-empty">{t('goal.meetings.none')}</p>
      )}
      {open && candidates.length > 0 && (
        <form onSubmit={submit} noValidate aria-label={t('goal.meetings.link')}>
          <FormErrors messages={errors.map((e) => e.message)} />
          <Field id="gm-meeting" label={t('goal.meetings.meeting')}>
            <select id="gm-meeting" value={meetingId} onChange={(e) => setMeetingId(e.target.value)}>
              <option value="">{t('goal.meetings.pick')}</option>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {label(m)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">{t('goal.meetings.link')}</button>
        </form>
      )}
    </Section>
  );
}
