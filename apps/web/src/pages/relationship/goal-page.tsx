/**
 * One SMART goal of a relationship, for its partners: its parts, milestones (add, mark reached), progress notes
 * with the measure's current value over time, the meetings that worked on it, and achieving or dropping it (with a reason) while it is open.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { Field, FormErrors, fieldErrors, nodesOf, type FieldError, DateInput } from '@tandem/ui';
import { graphql, type ResultOf } from '@tandem/ui/graphql';
import { useFormatDate, useT } from '../../i18n/locale';
import { Badge, Page, Query, enumKey, outcomeErrors } from '../../ui';
import { GoalMeetings } from './goal-meetings';
import { Section } from './section';

const GoalQuery = graphql(`
  query WebGoal($id: ID!) {
    relationship(id: $id) {
      id
      status
      meetingsConnection(first: 100) {
        edges {
          node {
            id
            occurredOn
            startTime
            status
            topics
            goals {
              id
            }
          }
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
            attainable
            relevant
            dueOn
            status
            achievedAt
            dropReason
            milestones {
              id
              title
              dueOn
              completedAt
            }
            meetings {
              id
              occurredOn
              startTime
              status
              topics
            }
            progressUpdates {
              id
              note
              value
              createdAt
              author {
                id
                displayName
              }
            }
          }
        }
      }
    }
  }
`);

const E = `errors { field code message }`;
const AddMilestoneMutation = graphql(`
  mutation WebAddMilestone($goalId: ID!, $title: String!, $dueOn: LocalDate!) {
    addMilestone(goalId: $goalId, title: $title, dueOn: $dueOn) {
      goal {
        id
      }
      ${E}
    }
  }
`);
const CompleteMilestoneMutation = graphql(`
  mutation WebCompleteMilestone($milestoneId: ID!) {
    completeMilestone(milestoneId: $milestoneId) {
      goal {
        id
      }
      ${E}
    }
  }
`);
const ProgressMutation = graphql(`
  mutation WebGoalProgress($goalId: ID!, $note: String!, $value: String) {
    recordGoalProgress(goalId: $goalId, note: $note, value: $value) {
      goal {
        id
      }
      ${E}
    }
  }
`);
const AchieveMutation = graphql(`
  mutation WebAchieveGoal($goalId: ID!) {
    achieveGoal(goalId: $goalId) {
      goal {
        id
        status
      }
      ${E}
    }
  }
`);
const DropMutation = graphql(`
  mutation WebDropGoal($goalId: ID!, $reason: String!) {
    dropGoal(goalId: $goalId, reason: $reason) {
      goal {
        id
        status
      }
      ${E}
    }
  }
`);

type Goal = ResultOf<typeof GoalQuery>['relationship']['goalsConnection']['edges'][number]['node'];

export function GoalPage() {
  const { id = '', goalId = '' } = useParams();
  const t = useT();
  const formatDate = useFormatDate();
  const [result, retry] = useQuery({ query: GoalQuery, variables: { id } });
  const refresh = () => retry({ requestPolicy: 'network-only' });
  return (
    <Query {...result} retry={refresh}>
      {({ relationship: r }) => {
        const goal = nodesOf(r.goalsConnection).find((g) => g.id === goalId);
        if (!goal)
          return (
            <Page title={t('goal.notFound')}>
              <Link to={`/relationships/${id}#goals`}>{t('goal.back')}</Link>
            </Page>
          );
        const open = goal.status === 'OPEN' && r.status === 'ACTIVE';
        return (
          <Page
            title={goal.title}
            lead={
              <>
                <Link to={`/relationships/${id}#goals`}>{t('goal.back')}</Link> ·{' '}
                <Badge tone={goal.status === 'OPEN' ? 'pending' : goal.status}>{t(enumKey('goal', goal.status))}</Badge>
              </>
            }
          >
            <Section id="goal-smart" title={t('goal.smart')}>
              <dl className="facts">
                {(['specific', 'measure', 'target', 'attainable', 'relevant'] as const).map((part) => (
                  <div key={part}>
                    <dt>{t(enumKey('goal.field', part))}</dt>
                    <dd>{goal[part]}</dd>
                  </div>
                ))}
                <div>
                  <dt>{t('goal.field.dueOn')}</dt>
                  <dd>{formatDate(goal.dueOn)}</dd>
                </div>
              </dl>
              {goal.status === 'ACHIEVED' && goal.achievedAt && (
                <p className="state state-success">{t('goal.achievedOn', { date: formatDate(goal.achievedAt) })}</p>
              )}
              {goal.status === 'DROPPED' && (
                <p className="state state-info">{t('goal.droppedBecause', { reason: goal.dropReason ?? '' })}</p>
              )}
            </Section>
            <Milestones goal={goal} open={open} onChange={refresh} />
            <ProgressNotes goal={goal} open={open} onChange={refresh} />
            <GoalMeetings
              goalId={goal.id}
              worked={goal.meetings}
              linkable={nodesOf(r.meetingsConnection).filter((m) => m.status === 'AWAITING_CONFIRMATION')}
              open={r.status === 'ACTIVE'}
              onChange={refresh}
            />
            {open && <Outcome goal={goal} onChange={refresh} />}
          </Page>
        );
      }}
    </Query>
  );
}

function Milestones({ goal, open, onChange }: { goal: Goal; open: boolean; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, add] = useMutation(AddMilestoneMutation);
  const [, complete] = useMutation(CompleteMilestoneMutation);
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await add({ goalId: goal.id, title, dueOn });
    const errs = outcomeErrors(res, res.data?.addMilestone.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setTitle('');
      setDueOn('');
      onChange();
    }
  }
  async function reach(milestoneId: string) {
    const res = await complete({ milestoneId });
    const errs = outcomeErrors(res, res.data?.completeMilestone.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  const { byField, other } = fieldErrors(errors, ['title', 'dueOn']);
  return (
    <Section id="milestones" title={t('goal.milestones')}>
      {goal.milestones.length ? (
        <ul className="list">
          {goal.milestones.map((m) => (
            <li key={m.id} className="item">
              <div className="result-head">
                <h3>{m.title}</h3>
                {m.completedAt ? (
                  <Badge tone="active">{t('goal.reachedOn', { date: formatDate(m.completedAt) })}</Badge>
                ) : (
                  <span className="muted">{t('goal.dueOn', { date: formatDate(m.dueOn) })}</span>
                )}
              </div>
              {!m.completedAt && open && (
                <button type="button" onClick={() => void reach(m.id)}>
                  {t('goal.markReached')}
                  <span className="visually-hidden">: {m.title}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="state state-empty">{t('goal.noMilestones')}</p>
      )}
      {open && (
        <form onSubmit={submit} noValidate aria-label={t('goal.addMilestone')}>
          <FormErrors messages={other} />
          <div className="two">
            <Field id="ms-title" label={t('goal.milestoneTitle')} error={byField.title}>
              <input id="ms-title" value={title} onChange={(e) => setTitle(e.target.value)} />
            </Field>
            <Field id="ms-due" label={t('goal.field.dueOn')} error={byField.dueOn}>
              <DateInput id="ms-due" value={dueOn} onChange={(e) => setDueOn(e.target.value)} />
            </Field>
          </div>
          <button type="submit">{t('goal.addMilestone')}</button>
        </form>
      )}
    </Section>
  );
}

function ProgressNotes({ goal, open, onChange }: { goal: Goal; open: boolean; onChange: () => void }) {
  const t = useT();
  const formatDate = useFormatDate();
  const [, record] = useMutation(ProgressMutation);
  const [note, setNote] = useState('');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const res = await record({ goalId: goal.id, note, value: value.trim() || null });
    const errs = outcomeErrors(res, res.data?.recordGoalProgress.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) {
      setNote('');
      setValue('');
      onChange();
    }
  }
  const { byField, other } = fieldErrors(errors, ['note', 'value']);
  return (
    <Section id="goal-progress" title={t('goal.progress')}>
      {goal.progressUpdates.length ? (
        <ol className="thread">
          {goal.progressUpdates.map((u) => (
            <li key={u.id}>
              <strong>{u.author.displayName}</strong> <span className="muted">{formatDate(u.createdAt, true)}</span>
              <p>{u.note}</p>
              {u.value && <p className="muted">{t('goal.valueLine', { measure: goal.measure, value: u.value })}</p>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="state state-empty">{t('goal.noProgress')}</p>
      )}
      {open && (
        <form onSubmit={submit} noValidate aria-label={t('goal.recordProgress')}>
          <FormErrors messages={other} />
          <Field id="gp-note" label={t('goal.progressNote')} error={byField.note}>
            <textarea id="gp-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <Field id="gp-value" label={t('goal.progressValue', { measure: goal.measure })} error={byField.value}>
            <input id="gp-value" value={value} onChange={(e) => setValue(e.target.value)} />
          </Field>
          <button type="submit">{t('goal.recordProgress')}</button>
        </form>
      )}
    </Section>
  );
}

function Outcome({ goal, onChange }: { goal: Goal; onChange: () => void }) {
  const t = useT();
  const [, achieve] = useMutation(AchieveMutation);
  const [, drop] = useMutation(DropMutation);
  const [dropping, setDropping] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function achieveIt() {
    const res = await achieve({ goalId: goal.id });
    const errs = outcomeErrors(res, res.data?.achieveGoal.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  async function dropIt(event: FormEvent) {
    event.preventDefault();
    const res = await drop({ goalId: goal.id, reason });
    const errs = outcomeErrors(res, res.data?.dropGoal.errors, t('state.unreachable'));
    setErrors(errs);
    if (!errs.length) onChange();
  }
  const { byField, other } = fieldErrors(errors, ['reason']);
  return (
    <Section id="goal-outcome" title={t('goal.outcome')}>
      <FormErrors messages={other} />
      {dropping ? (
        <form onSubmit={dropIt} noValidate aria-label={t('goal.drop')}>
          <Field id="drop-reason" label={t('goal.dropReason')} error={byField.reason}>
            <textarea id="drop-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="actions">
            <button type="submit">{t('goal.drop')}</button>
            <button type="button" onClick={() => setDropping(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void achieveIt()}>
            {t('goal.achieve')}
          </button>
          <button type="button" onClick={() => setDropping(true)}>
            {t('goal.drop')}
          </button>
        </div>
      )}
    </Section>
  );
}
